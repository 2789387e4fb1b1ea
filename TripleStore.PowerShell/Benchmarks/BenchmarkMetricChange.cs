namespace TripleStore.PowerShell.Benchmarks;

/// <summary>A metric compared with the -Baseline run; Change is the relative change for the worse (0.25 = 25% worse).</summary>
public sealed class BenchmarkMetricChange
{
    public string Metric { get; init; } = "";
    public double Baseline { get; init; }
    public double Current { get; init; }
    public double Change { get; init; }
    public bool IsRegression { get; init; }
}
