namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// The right answer sizes of one workload: for each query name, the result count of each round of the
/// pool (one entry for LUBM, one per mix for BSBM).
/// </summary>
public sealed record ExpectedCountSet
{
    public required string Benchmark { get; init; }
    public required int Scale { get; init; }
    public required ulong Seed { get; init; }
    public ulong ParameterSeed { get; init; }
    public required int Rounds { get; init; }
    public required IReadOnlyDictionary<string, long[]> Counts { get; init; }

    /// <summary>Whether this set describes <paramref name="workload"/> (same benchmark, scale, seeds and pool).</summary>
    public bool Matches(BenchmarkWorkload workload) =>
        string.Equals(Benchmark, workload.Kind.ToString(), StringComparison.OrdinalIgnoreCase)
        && Scale == workload.Scale && Seed == workload.Seed && ParameterSeed == workload.ParameterSeed
        && Rounds == workload.DistinctRounds;

    /// <summary>The expected count of <paramref name="query"/> in pool round <paramref name="poolIndex"/>; null if not recorded.</summary>
    public long? For(string query, int poolIndex) =>
        Counts.TryGetValue(query, out var counts) && poolIndex < counts.Length ? counts[poolIndex] : null;
}
