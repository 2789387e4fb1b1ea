using TripleStore.Benchmarks.Runner;

namespace TripleStore.PowerShell.Benchmarks;

/// <summary>What Invoke-TripleStoreBenchmark measured; the JSON and CSV files hold the same and more.</summary>
public sealed class BenchmarkRunResult
{
    public string Benchmark { get; init; } = "";
    public int Scale { get; init; }
    public long Seed { get; init; }
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>False when the run was stopped (Ctrl+C); the phases reached are kept.</summary>
    public bool Completed { get; init; }

    /// <summary>Every answer matched the counts recorded for this scale and seed.</summary>
    public bool CountsVerified { get; init; }

    public long LoadedTriples { get; init; }
    public double LoadSeconds { get; init; }
    public double LoadTriplesPerSecond { get; init; }
    public long DerivedTriples { get; init; }
    public double MaterializeSeconds { get; init; }
    public double DerivedPerSecond { get; init; }

    /// <summary>Query rounds (BSBM mixes) per hour on one client.</summary>
    public double MixesPerHour { get; init; }

    public int Clients { get; init; }

    /// <summary>Query rounds per hour on -Clients concurrent clients (0 when -Clients is 1).</summary>
    public double ConcurrentMixesPerHour { get; init; }

    public double? LoadAverage { get; init; }

    /// <summary>Whether the store's query result cache was on (-ResultCache).</summary>
    public bool ResultCache { get; init; }

    /// <summary>Share of the single-client phase's queries the result cache answered (null when it was off).</summary>
    public double? CacheHitRatio { get; init; }

    /// <summary>Share of the concurrent phase's queries the result cache answered (null when it was off or -Clients is 1).</summary>
    public double? ConcurrentCacheHitRatio { get; init; }

    public BenchmarkQueryTiming[] Queries { get; init; } = [];

    /// <summary>Per-query timings on the concurrent clients.</summary>
    public BenchmarkQueryTiming[] ConcurrentQueries { get; init; } = [];

    public BenchmarkMetricChange[] Comparison { get; init; } = [];

    public BenchmarkMetricChange[] Regressions => Comparison.Where(c => c.IsRegression).ToArray();

    public string? JsonPath { get; init; }
    public string? CsvPath { get; init; }

    internal static BenchmarkRunResult From(BenchmarkResult r, string? jsonPath, string? csvPath) => new()
    {
        Benchmark = r.Benchmark,
        Scale = r.Scale,
        Seed = (long)r.Seed,
        StartedUtc = r.StartedUtc,
        Completed = r.Completed,
        CountsVerified = r.CountsVerified,
        LoadedTriples = r.Load?.Triples ?? 0,
        LoadSeconds = r.Load?.Seconds ?? 0,
        LoadTriplesPerSecond = r.Load?.TriplesPerSecond ?? 0,
        DerivedTriples = r.Materialization?.Derived ?? 0,
        MaterializeSeconds = r.Materialization?.Seconds ?? 0,
        DerivedPerSecond = r.Materialization?.DerivedPerSecond ?? 0,
        MixesPerHour = r.Mix?.MixesPerHour ?? 0,
        Clients = r.Clients,
        ConcurrentMixesPerHour = r.ConcurrentMix?.MixesPerHour ?? 0,
        LoadAverage = r.Machine.LoadAverageAtStart,
        ResultCache = r.ResultCache,
        CacheHitRatio = r.ResultCache ? r.Mix?.CacheHitRatio : null,
        ConcurrentCacheHitRatio = r.ResultCache ? r.ConcurrentMix?.CacheHitRatio : null,
        Queries = r.Queries.Select(q => Timing(q, 1)).ToArray(),
        ConcurrentQueries = r.ConcurrentMix?.Queries.Select(q => Timing(q, r.ConcurrentMix.Clients)).ToArray() ?? [],
        Comparison = r.Comparison.Select(d => new BenchmarkMetricChange
        {
            Metric = d.Metric, Baseline = d.Baseline, Current = d.Current, Change = d.Change, IsRegression = d.IsRegression,
        }).ToArray(),
        JsonPath = jsonPath,
        CsvPath = csvPath,
    };

    private static BenchmarkQueryTiming Timing(QueryMeasurement q, int clients) => new()
    {
        Query = q.Name,
        Clients = clients,
        Executions = q.Executions,
        Results = q.Results,
        P50 = q.P50Ms,
        P95 = q.P95Ms,
        P99 = q.P99Ms,
        Max = q.MaxMs,
        Mean = q.MeanMs,
        PerSecond = q.PerSecond,
    };
}
