namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// One metric compared with a baseline run. <see cref="Change"/> is the relative change in the bad
/// direction (0.25 = 25% slower or 25% less throughput; negative = better).
/// </summary>
public sealed record BenchmarkDelta
{
    public required string Metric { get; init; }
    public double Baseline { get; init; }
    public double Current { get; init; }
    public double Change { get; init; }
    public bool IsRegression { get; init; }
}
