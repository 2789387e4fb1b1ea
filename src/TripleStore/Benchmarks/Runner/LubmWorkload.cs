using TripleStore.Benchmarks.Lubm;
using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Benchmarks.Runner;

/// <summary>LUBM(N): univ-bench ontology plus N generated universities; every round is Q1–Q14.</summary>
public sealed class LubmWorkload(int universities, ulong seed = 0) : BenchmarkWorkload(BenchmarkKind.Lubm, universities, seed)
{
    public override bool NeedsMaterialization => true;

    public override int DistinctRounds => 1;

    protected override IReadOnlyList<BenchmarkQuery> RoundFromPool(int poolIndex) => LubmQueries.All;

    public override IEnumerable<Quad> Data(CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        using (var reader = RdfParser.Create(new StringReader(UnivBenchOntology.Turtle), RdfFormat.Turtle))
            foreach (var quad in reader.ReadAll().ToList()) yield return quad;
        foreach (var quad in new LubmGenerator(Scale, Seed).Generate(cancellation)) yield return quad;
    }
}
