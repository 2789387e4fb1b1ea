namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// One query's measured executions (after warm-up). Latencies are in milliseconds; percentiles as in
/// <see cref="LatencyStatistics"/>. <see cref="Results"/> is the result count summed over the distinct
/// instances of the query (one for LUBM, one per mix of the pool for BSBM).
/// </summary>
public sealed record QueryMeasurement
{
    public required string Name { get; init; }
    public int Executions { get; init; }
    public int Instances { get; init; }
    public long Results { get; init; }
    public double MinMs { get; init; }
    public double P50Ms { get; init; }
    public double P95Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public double MeanMs { get; init; }

    /// <summary>Executions per second of this query on one client: executions over their summed latency.</summary>
    public double PerSecond { get; init; }

    /// <summary>
    /// Executions the store's result cache answered; known on one client only (null otherwise, or when
    /// the executor cannot tell).
    /// </summary>
    public int? CacheHits { get; init; }

    /// <summary>
    /// Milliseconds the JIT compiled on the executing thread during this query's measured executions (one
    /// client only; null otherwise). A query whose plan takes a shape the warm-up did not meet compiles
    /// that code the first time, inside its latency: this tells such a first execution from a slow plan.
    /// </summary>
    public double? JitMs { get; init; }

    public static QueryMeasurement From(string name, IReadOnlyList<double> latenciesMs, int instances, long results)
    {
        var stats = LatencyStatistics.FromSamples(latenciesMs);
        double total = latenciesMs.Sum();
        return new QueryMeasurement
        {
            Name = name,
            Executions = stats.Count,
            Instances = instances,
            Results = results,
            MinMs = stats.Min,
            P50Ms = stats.P50,
            P95Ms = stats.P95,
            P99Ms = stats.P99,
            MaxMs = stats.Max,
            MeanMs = stats.Mean,
            PerSecond = total > 0 ? stats.Count / (total / 1000) : 0,
        };
    }
}
