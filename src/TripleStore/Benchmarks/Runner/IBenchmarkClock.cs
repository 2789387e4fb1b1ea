namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// The time source of a benchmark run. Latencies are differences of <see cref="Elapsed"/>, so tests can
/// substitute a clock that a fake executor advances by known amounts.
/// </summary>
public interface IBenchmarkClock
{
    /// <summary>Time since an arbitrary fixed origin; never decreases. Must be safe to read from several threads.</summary>
    TimeSpan Elapsed { get; }
}
