using System.Diagnostics;

namespace TripleStore.Reasoning;

/// <summary>
/// With <c>TRIPLESTORE_MATERIALIZE_TRACE=1</c>, a materialization writes the wall and process CPU time of each
/// stage to standard error (as <c>TRIPLESTORE_IMPORT_TRACE</c> does for imports); see docs/performance.md.
/// </summary>
internal static class StageTrace
{
    public static readonly bool On = Environment.GetEnvironmentVariable("TRIPLESTORE_MATERIALIZE_TRACE") == "1";
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static TimeSpan _cpu, _wall;

    public static void Mark(string stage)
    {
        if (!On) return;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Clock.Elapsed;
        Console.Error.WriteLine(FormattableString.Invariant($"    [materialize] {stage,-24} wall {(wall - _wall).TotalSeconds,6:0.00} s  CPU {(cpu - _cpu).TotalSeconds,6:0.00} s"));
        _cpu = cpu;
        _wall = wall;
    }
}
