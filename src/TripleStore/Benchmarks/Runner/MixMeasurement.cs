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

    /// <summary>Per-query latencies measured in this phase.</summary>
    public IReadOnlyList<QueryMeasurement> Queries { get; init; } = [];
}
