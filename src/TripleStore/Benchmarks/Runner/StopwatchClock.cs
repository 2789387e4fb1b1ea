using System.Diagnostics;

namespace TripleStore.Benchmarks.Runner;

/// <summary>The real clock: <see cref="Stopwatch"/>'s monotonic high-resolution timestamp.</summary>
public sealed class StopwatchClock : IBenchmarkClock
{
    public static readonly StopwatchClock Instance = new();

    private readonly long _origin = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);
}
