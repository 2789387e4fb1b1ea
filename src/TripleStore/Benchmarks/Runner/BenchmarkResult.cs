namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Everything one run measured. A canceled run keeps what it finished: <see cref="Completed"/> is
/// false and phases not reached are null (queries measured so far are kept). Serialized as JSON by
/// <see cref="BenchmarkReport"/>, which also reads it back as a baseline.
/// </summary>
public sealed record BenchmarkResult
{
    public required string Benchmark { get; init; }
    public required int Scale { get; init; }
    public ulong Seed { get; init; }
    public ulong ParameterSeed { get; init; }
    public int Warmup { get; init; }
    public int Iterations { get; init; }
    public int Clients { get; init; }

    /// <summary>Whether the store's query result cache was on (see <see cref="BenchmarkSettings.ResultCache"/>).</summary>
    public bool ResultCache { get; init; }

    /// <summary>The engine measured ("TripleStore") or a peer's name.</summary>
    public string Executor { get; init; } = "TripleStore";

    public DateTimeOffset StartedUtc { get; init; }
    public string? Commit { get; init; }
    public string EngineVersion { get; init; } = typeof(BenchmarkResult).Assembly.GetName().Version?.ToString() ?? "";
    public BenchmarkMachine Machine { get; init; } = new();

    public bool Completed { get; init; }
    public bool Canceled { get; init; }

    /// <summary>True when every answer was checked against recorded counts (and all matched); false when none were recorded.</summary>
    public bool CountsVerified { get; init; }

    /// <summary>The result count of each query instance answered (the form that expected-counts.json records).</summary>
    public ExpectedCountSet? ObservedCounts { get; init; }

    public LoadMeasurement? Load { get; init; }
    public MaterializeMeasurement? Materialization { get; init; }

    /// <summary>Per query, single client, after warm-up.</summary>
    public IReadOnlyList<QueryMeasurement> Queries { get; init; } = [];

    /// <summary>Rounds on a single client (BSBM: query mixes per hour at 1 client).</summary>
    public MixMeasurement? Mix { get; init; }

    /// <summary>Rounds on <see cref="Clients"/> concurrent clients; null when Clients is 1.</summary>
    public MixMeasurement? ConcurrentMix { get; init; }

    /// <summary>Metrics compared with a baseline (see <see cref="BenchmarkComparison"/>); empty without one.</summary>
    public IReadOnlyList<BenchmarkDelta> Comparison { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<BenchmarkDelta> Regressions => Comparison.Where(d => d.IsRegression);

    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => $"{Benchmark}({Scale})";
}
