namespace TripleStore.Benchmarks.Runner;

/// <summary>The load phase: a bulk import of the generated N-Triples file into an empty store.</summary>
public sealed record LoadMeasurement
{
    public long Triples { get; init; }
    public double Seconds { get; init; }

    /// <summary>Process CPU time (all threads) during the phase; on a shared machine the steadier figure.</summary>
    public double CpuSeconds { get; init; }

    public double TriplesPerSecond => Seconds > 0 ? Triples / Seconds : 0;
}
