using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TripleStore.Sparql.Caching;

/// <summary>
/// Runs the saved queries once each, most used first, on one background thread at below-normal
/// priority, so that their results are in the result cache before anyone asks. One query at a time:
/// warming never takes more than one core, holds no lock (each query reads its own snapshot, so writers
/// are never blocked), and stops at the next cancellation check when the store closes. A query that no
/// longer parses is skipped; any other failure is logged and the next query runs. Nothing is thrown.
/// </summary>
internal sealed class ResultCacheWarmer
{
    private readonly IReadOnlyList<WarmQuery> _queries;
    private readonly Func<WarmQuery, CancellationToken, bool> _run;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<WarmQuery> _done = new(ReferenceEqualityComparer.Instance);
    private Thread? _thread;
    private int _warmed, _skipped, _failed;

    /// <param name="run">Runs one query through the cache and reads it to the end; false when its text no longer parses.</param>
    public ResultCacheWarmer(IReadOnlyList<WarmQuery> queries, Func<WarmQuery, CancellationToken, bool> run, ILogger logger)
    {
        _queries = queries;
        _run = run;
        _logger = logger;
    }

    public int Queued => _queries.Count;
    public int Warmed => Volatile.Read(ref _warmed);
    public int Skipped => Volatile.Read(ref _skipped);
    public int Failed => Volatile.Read(ref _failed);
    public bool IsRunning => _thread is { IsAlive: true };

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "TripleStore result cache warming" };
        // The opener's execution context (its log capture, its activity) has nothing to do with this work.
        using (ExecutionContext.SuppressFlow()) _thread.Start();
    }

    /// <summary>Cancels the warming and waits for the current query to notice, at most <paramref name="wait"/>.</summary>
    public bool Stop(TimeSpan wait)
    {
        _stop.Cancel();
        return _thread is null || _thread.Join(wait);
    }

    /// <summary>Saved queries not processed yet (still to run, or cut short by the close), for saving again.</summary>
    public IReadOnlyList<WarmQuery> Unprocessed()
    {
        lock (_done) return _queries.Where(q => !_done.Contains(q)).ToList();
    }

    private void Run()
    {
        LowerLinuxPriority();
        var clock = Stopwatch.StartNew();
        var token = _stop.Token;
        foreach (var query in _queries)
        {
            if (token.IsCancellationRequested) break;
            try
            {
                if (_run(query, token)) Interlocked.Increment(ref _warmed);
                else
                {
                    Interlocked.Increment(ref _skipped);
                    _logger.LogWarning("Result cache warming skipped a saved query that no longer parses or cannot be cached: {Query}", Shorten(query.Text));
                }
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _failed);
                _logger.LogWarning("Result cache warming could not run a saved query ({Error}): {Query}", e.Message, Shorten(query.Text));
            }
            lock (_done) _done.Add(query);
        }
        _logger.LogInformation("Result cache warming {State} after {Seconds:F2} s: {Warmed} of {Count} saved queries warmed, {Skipped} skipped, {Failed} failed.",
            token.IsCancellationRequested ? "stopped" : "finished", clock.Elapsed.TotalSeconds, Warmed, _queries.Count, Skipped, Failed);
    }

    /// <summary>The nice value warming runs at on Linux (0 is normal, 19 the lowest).</summary>
    public const int LinuxNice = 10;

    /// <summary>
    /// Thread.Priority does nothing on Linux (the normal scheduler ignores it), but a thread's nice value,
    /// which Linux keeps per thread, does lower its share of the CPU; raising it needs no privilege.
    /// </summary>
    private void LowerLinuxPriority()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            if (setpriority(0 /* PRIO_PROCESS: with a thread id, that thread */, gettid(), LinuxNice) != 0)
                _logger.LogDebug("Result cache warming could not lower its thread's priority (errno {Errno}).", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _logger.LogDebug("Result cache warming runs at normal priority: {Error}", e.Message);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int gettid();

    private static string Shorten(string text)
    {
        var line = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
