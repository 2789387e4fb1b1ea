namespace TripleStore.Benchmarks.Runner;

/// <summary>The materialization phase (LUBM): a full OWL 2 RL materialization of the loaded data.</summary>
public sealed record MaterializeMeasurement
{
    public long Derived { get; init; }
    public int Iterations { get; init; }
    public double Seconds { get; init; }
    public double CpuSeconds { get; init; }
    public double DerivedPerSecond => Seconds > 0 ? Derived / Seconds : 0;
}
