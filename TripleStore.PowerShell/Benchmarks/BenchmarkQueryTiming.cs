namespace TripleStore.PowerShell.Benchmarks;

/// <summary>One query's measured latencies in a benchmark run (milliseconds).</summary>
public sealed class BenchmarkQueryTiming
{
    public string Query { get; init; } = "";

    /// <summary>1 for the single-client phase, N for the concurrent one.</summary>
    public int Clients { get; init; }

    public int Executions { get; init; }

    /// <summary>Result count summed over the query's distinct instances (one for LUBM, one per BSBM mix).</summary>
    public long Results { get; init; }

    public double P50 { get; init; }
    public double P95 { get; init; }
    public double P99 { get; init; }
    public double Max { get; init; }
    public double Mean { get; init; }

    /// <summary>Executions per second on one client.</summary>
    public double PerSecond { get; init; }
}
