using System.Globalization;
using TripleStore.Rdf;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// A benchmark's data and queries at one scale and seed. Queries run in rounds: a LUBM round is Q1–Q14,
/// a BSBM round is one explore mix (Q1–Q12 with drawn parameters). A workload has a fixed pool of
/// distinct rounds (<see cref="DistinctRounds"/>); round i is pool entry i mod the pool size, so every
/// query instance, and so its expected result count, is known before the run.
/// </summary>
public abstract class BenchmarkWorkload
{
    protected BenchmarkWorkload(BenchmarkKind kind, int scale, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Kind = kind;
        Scale = scale;
        Seed = seed;
    }

    public BenchmarkKind Kind { get; }

    /// <summary>Universities for LUBM, products for BSBM.</summary>
    public int Scale { get; }

    public ulong Seed { get; }

    /// <summary>The seed of the query parameters (BSBM); 0 for LUBM, whose queries have none.</summary>
    public virtual ulong ParameterSeed => 0;

    /// <summary>E.g. "LUBM(10)" or "BSBM(2785)".</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{(Kind == BenchmarkKind.Lubm ? "LUBM" : "BSBM")}({Scale})");

    /// <summary>Whether the run materializes (OWL 2 RL) before the queries, which LUBM's answers need.</summary>
    public abstract bool NeedsMaterialization { get; }

    public abstract int DistinctRounds { get; }

    /// <summary>The queries of round <paramref name="index"/> (any non-negative number), in order.</summary>
    public IReadOnlyList<BenchmarkQuery> Round(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return RoundFromPool(index % DistinctRounds);
    }

    /// <summary>The names of the queries of a round, in order (the same for every round).</summary>
    public IReadOnlyList<string> QueryNames => RoundFromPool(0).Select(q => q.Name).ToArray();

    protected abstract IReadOnlyList<BenchmarkQuery> RoundFromPool(int poolIndex);

    /// <summary>
    /// The data set as triples in the default graph (ontology included for LUBM). The generator checks
    /// <paramref name="cancellation"/> every few thousand triples at most; it never changes the data.
    /// </summary>
    public abstract IEnumerable<Quad> Data(CancellationToken cancellation = default);

    /// <summary>The file name the data set is written to, e.g. "lubm-10-seed0.nt".</summary>
    public string DataFileName => string.Create(CultureInfo.InvariantCulture,
        $"{(Kind == BenchmarkKind.Lubm ? "lubm" : "bsbm")}-{Scale}-seed{Seed}.nt");

    /// <summary>Writes <see cref="Data"/> as N-Triples; returns the number of triples.</summary>
    public long WriteNTriples(TextWriter output) => NTriplesOutput.Write(Data(), output);

    public static BenchmarkWorkload Create(BenchmarkKind kind, int scale, ulong seed = 0, ulong parameterSeed = 1, int mixes = BsbmWorkload.DefaultMixes) =>
        kind switch
        {
            BenchmarkKind.Lubm => new LubmWorkload(scale, seed),
            BenchmarkKind.Bsbm => new BsbmWorkload(scale, seed, parameterSeed, mixes),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown benchmark."),
        };
}
