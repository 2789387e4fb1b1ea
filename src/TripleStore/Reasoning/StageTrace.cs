using System.Diagnostics;

namespace TripleStore.Reasoning;

/// <summary>
/// With <c>TRIPLESTORE_MATERIALIZE_TRACE=1</c>, a materialization writes the wall and process CPU time of each
/// stage to standard error (as <c>TRIPLESTORE_IMPORT_TRACE</c> does for imports), with what tells extra work from
/// a slower machine: the garbage collections that fell in the stage (gen0/gen1/gen2 counts and their total
/// pause), the bytes it allocated (all threads, approximate), the minor page faults it took (fresh memory
/// the kernel had to map and zero) and, at its end, the thread pool's threads and queued work items (a
/// parallel stage waiting for threads to be injected shows as queued items and a low CPU/wall ratio); see
/// docs/performance.md.
/// </summary>
internal static class StageTrace
{
    public static readonly bool On = Environment.GetEnvironmentVariable("TRIPLESTORE_MATERIALIZE_TRACE") == "1";
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static Counters _last;

    private readonly record struct Counters(TimeSpan Cpu, TimeSpan Wall, int Gen0, int Gen1, int Gen2,
        TimeSpan Pause, long Allocated, long Faults, long Queued)
    {
        public static Counters Now()
        {
            using var process = Process.GetCurrentProcess();
            return new Counters(process.TotalProcessorTime, Clock.Elapsed, GC.CollectionCount(0), GC.CollectionCount(1),
                GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), ReadMinorFaults(), ThreadPool.PendingWorkItemCount);
        }
    }

    public static void Mark(string stage)
    {
        if (!On) return;
        var now = Counters.Now();
        var d = _last;
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"    [materialize] {stage,-24} wall {(now.Wall - d.Wall).TotalSeconds,6:0.00} s  CPU {(now.Cpu - d.Cpu).TotalSeconds,6:0.00} s  GC {now.Gen0 - d.Gen0}/{now.Gen1 - d.Gen1}/{now.Gen2 - d.Gen2} pause {(now.Pause - d.Pause).TotalMilliseconds,4:0} ms  " +
            $"alloc {(now.Allocated - d.Allocated) >> 20,5} MiB  faults {now.Faults - d.Faults,7}  pool {ThreadPool.ThreadCount} threads, {now.Queued} queued"));
        _last = now;
    }

    /// <summary>The process's minor page faults so far (Linux: field 10 of /proc/self/stat), or 0 where unknown.</summary>
    private static long ReadMinorFaults()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
