namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Rounds (BSBM query mixes; for LUBM one pass over Q1–Q14) run by <see cref="Clients"/> clients at once.
/// <see cref="MixesPerHour"/> is rounds completed over the phase's wall time (BSBM's QMpH); the
/// latencies are those of whole rounds, in milliseconds.
/// </summary>
public sealed record MixMeasurement
{
    public int Clients { get; init; }
    public int Mixes { get; init; }
    public double Seconds { get; init; }
    public double CpuSeconds { get; init; }
    public double MixesPerHour => Seconds > 0 ? Mixes / (Seconds / 3600) : 0;
    public double P50Ms { get; init; }
    public double P95Ms { get; init; }
    public double MaxMs { get; init; }
    public double MeanMs { get; init; }

    /// <summary>Queries of this phase the store's result cache answered; null when the executor cannot tell.</summary>
    public long? CacheHits { get; init; }

    /// <summary>Cacheable queries of this phase the result cache did not hold (0 when the cache is off).</summary>
    public long? CacheMisses { get; init; }

    /// <summary>Hits over all the phase's queries (hits plus misses); null when unknown or nothing was looked up.</summary>
    public double? CacheHitRatio => CacheHits is long hits && CacheMisses is long misses && hits + misses > 0 ? (double)hits / (hits + misses) : null;

    /// <summary>Milliseconds the JIT compiled in this process (all threads) during the phase.</summary>
    public double JitMs { get; init; }

    /// <summary>Garbage collections during the phase, per generation (gen0 counts include gen1 and gen2 ones).</summary>
    public int[] Collections { get; init; } = [];

    /// <summary>Per-query latencies measured in this phase.</summary>
    public IReadOnlyList<QueryMeasurement> Queries { get; init; } = [];
}
