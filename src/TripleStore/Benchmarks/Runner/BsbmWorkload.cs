using TripleStore.Benchmarks.Bsbm;
using TripleStore.Rdf;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// BSBM with N products; a round is one explore mix, Q1–Q12 each once with parameters drawn from the
/// data (seeded by <see cref="ParameterSeed"/>). The pool holds <see cref="DistinctRounds"/> mixes.
/// </summary>
public sealed class BsbmWorkload : BenchmarkWorkload
{
    public const int DefaultMixes = 10;

    private readonly BsbmCatalog _catalog;
    private readonly BenchmarkQuery[][] _pool;
    private readonly ulong _parameterSeed;

    public BsbmWorkload(int products, ulong seed = 0, ulong parameterSeed = 1, int mixes = DefaultMixes)
        : base(BenchmarkKind.Bsbm, products, seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mixes, 1);
        _parameterSeed = parameterSeed;
        _catalog = new BsbmCatalog(products, seed);
        var drawer = new BsbmParameterDrawer(_catalog, parameterSeed);
        _pool = Enumerable.Range(0, mixes)
            .Select(_ => Enumerable.Range(1, BsbmQueryTemplates.Count).Select(drawer.Next).ToArray())
            .ToArray();
    }

    public override ulong ParameterSeed => _parameterSeed;

    public override bool NeedsMaterialization => false;

    public override int DistinctRounds => _pool.Length;

    protected override IReadOnlyList<BenchmarkQuery> RoundFromPool(int poolIndex) => _pool[poolIndex];

    public override IEnumerable<Quad> Data(CancellationToken cancellation = default) => new BsbmGenerator(_catalog).Generate(cancellation);
}
