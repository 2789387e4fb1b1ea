using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Runs a workload's query rounds through an executor, times each query with a clock, and checks every
/// answer's size: against the recorded counts when there are some, and otherwise against the first
/// answer of the same query instance. A wrong count throws <see cref="ErrorCodes.BenchmarkWrongAnswer"/>
/// at once: a wrong answer is an error, never a time. Cancellation stops between (or inside) queries
/// and keeps what was measured.
/// </summary>
public sealed class QueryPhaseRunner
{
    private readonly BenchmarkWorkload _workload;
    private readonly IQueryExecutor _executor;
    private readonly IBenchmarkClock _clock;
    private readonly ExpectedCountSet? _expected;
    private readonly ConcurrentDictionary<(string Query, int Pool), long> _observed = new();

    public QueryPhaseRunner(BenchmarkWorkload workload, IQueryExecutor executor, IBenchmarkClock? clock = null, ExpectedCountSet? expected = null)
    {
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _clock = clock ?? StopwatchClock.Instance;
        if (expected is not null && !expected.Matches(workload))
            throw new ArgumentException($"The expected counts are for {expected.Benchmark}({expected.Scale}), not {workload.Name}.", nameof(expected));
        _expected = expected;
    }

    /// <summary>Whether answers are checked against recorded counts (rather than only for consistency).</summary>
    public bool HasExpectedCounts => _expected is not null;

    /// <summary>The count seen for each (query, pool round), e.g. to record a new expected-counts set.</summary>
    public ExpectedCountSet ObservedCounts()
    {
        var names = _workload.QueryNames;
        var counts = names.ToDictionary(n => n, n => Enumerable.Range(0, _workload.DistinctRounds)
            .Select(i => _observed.TryGetValue((n, i), out var c) ? c : -1).ToArray());
        return new ExpectedCountSet
        {
            Benchmark = _workload.Kind.ToString().ToUpperInvariant(),
            Scale = _workload.Scale,
            Seed = _workload.Seed,
            ParameterSeed = _workload.ParameterSeed,
            Rounds = _workload.DistinctRounds,
            Counts = counts,
        };
    }

    /// <summary>Runs rounds 0..count-1 untimed (still checked).</summary>
    public void Warmup(int rounds, IProgress<BenchmarkProgress>? progress, CancellationToken cancellation)
    {
        int perRound = _workload.QueryNames.Count;
        var start = _clock.Elapsed;
        for (int r = 0; r < rounds; r++)
        {
            foreach (var query in _workload.Round(r))
            {
                cancellation.ThrowIfCancellationRequested();
                Check(query, r, _executor.Execute(query, cancellation));
            }
            progress?.Report(new BenchmarkProgress("Warmup", $"round {r + 1} of {rounds}", (long)(r + 1) * perRound, (long)rounds * perRound, _clock.Elapsed - start));
        }
    }

    /// <summary>
    /// Runs <paramref name="roundsPerClient"/> rounds on each of <paramref name="clients"/> threads, client c
    /// starting at round <paramref name="firstRound"/> + c·roundsPerClient. The result holds what finished
    /// before a cancellation; <paramref name="canceled"/> says whether one came.
    /// </summary>
    public MixMeasurement Measure(int clients, int roundsPerClient, int firstRound, IProgress<BenchmarkProgress>? progress,
        CancellationToken cancellation, out bool canceled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundsPerClient, 1);
        string phase = clients == 1 ? "Queries" : "Clients";
        var samples = new ConcurrentDictionary<string, ConcurrentBag<double>>(StringComparer.Ordinal);
        var counters = _executor as IResultCacheCounters;
        // Per query, a hit shows as the hit counter moving during its call: exact on one client only.
        var hitsPerQuery = clients == 1 && counters is not null ? new ConcurrentDictionary<string, int>(StringComparer.Ordinal) : null;
        // JIT time on the executing thread, per query: exact on one client (a parallel scan's workers compile
        // little of their own, and their share is in the phase's total below).
        var jitPerQuery = clients == 1 ? new ConcurrentDictionary<string, double>(StringComparer.Ordinal) : null;
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: false);
        var collectionsBefore = Enumerable.Range(0, GC.MaxGeneration + 1).Select(GC.CollectionCount).ToArray();
        var cacheBefore = counters?.ResultCacheCounters;
        var rounds = new ConcurrentBag<double>();
        long done = 0, total = (long)clients * roundsPerClient * _workload.QueryNames.Count;
        int stopped = 0;
        Exception? failure = null;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var start = _clock.Elapsed;

        void Client(int client)
        {
            try
            {
                for (int i = 0; i < roundsPerClient; i++)
                {
                    int round = firstRound + client * roundsPerClient + i;
                    var roundStart = _clock.Elapsed;
                    foreach (var query in _workload.Round(round))
                    {
                        cancellation.ThrowIfCancellationRequested();
                        long hitsBefore = hitsPerQuery is null ? 0 : counters!.ResultCacheCounters.Hits;
                        var jit0 = jitPerQuery is null ? default : System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
                        var before = _clock.Elapsed;
                        long count = _executor.Execute(query, cancellation);
                        var after = _clock.Elapsed;
                        if (jitPerQuery is not null)
                        {
                            double jit = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jit0).TotalMilliseconds;
                            jitPerQuery.AddOrUpdate(query.Name, jit, (_, sum) => sum + jit);
                        }
                        if (hitsPerQuery is not null)
                            hitsPerQuery.AddOrUpdate(query.Name, _ => (int)(counters!.ResultCacheCounters.Hits - hitsBefore), (_, n) => n + (int)(counters!.ResultCacheCounters.Hits - hitsBefore));
                        Check(query, round, count);
                        samples.GetOrAdd(query.Name, _ => []).Add((after - before).TotalMilliseconds);
                        long n = Interlocked.Increment(ref done);
                        progress?.Report(new BenchmarkProgress(phase,
                            string.Create(CultureInfo.InvariantCulture, $"{query.Name}, round {i + 1} of {roundsPerClient}{(clients > 1 ? $" on {clients} clients" : "")}"),
                            n, total, _clock.Elapsed - start));
                    }
                    rounds.Add((_clock.Elapsed - roundStart).TotalMilliseconds);
                }
            }
            catch (Exception e) when (IsCancellation(e, cancellation))
            {
                Interlocked.Exchange(ref stopped, 1);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        if (clients == 1)
        {
            Client(0);
        }
        else
        {
            var threads = Enumerable.Range(0, clients).Select(c => new Thread(() => Client(c)) { IsBackground = true, Name = $"benchmark client {c}" }).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();

        var elapsed = _clock.Elapsed - start;
        process.Refresh();
        var cacheAfter = counters?.ResultCacheCounters;
        canceled = stopped != 0;
        var roundStats = rounds.IsEmpty ? null : LatencyStatistics.FromSamples(rounds);
        return new MixMeasurement
        {
            Clients = clients,
            Mixes = rounds.Count,
            Seconds = elapsed.TotalSeconds,
            CpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds,
            P50Ms = roundStats?.P50 ?? 0,
            P95Ms = roundStats?.P95 ?? 0,
            MaxMs = roundStats?.Max ?? 0,
            MeanMs = roundStats?.Mean ?? 0,
            CacheHits = cacheAfter?.Hits - cacheBefore?.Hits,
            CacheMisses = cacheAfter?.Misses - cacheBefore?.Misses,
            JitMs = (System.Runtime.JitInfo.GetCompilationTime(currentThread: false) - jitBefore).TotalMilliseconds,
            Collections = collectionsBefore.Select((n, g) => GC.CollectionCount(g) - n).ToArray(),
            Queries = _workload.QueryNames.Where(samples.ContainsKey)
                .Select(name => QueryMeasurement.From(name, samples[name].ToArray(), Instances(name), ResultsOf(name))
                    with { CacheHits = hitsPerQuery is null ? null : hitsPerQuery.GetValueOrDefault(name),
                           JitMs = jitPerQuery is null ? null : jitPerQuery.GetValueOrDefault(name) })
                .ToArray(),
        };
    }

    private static bool IsCancellation(Exception e, CancellationToken cancellation) =>
        cancellation.IsCancellationRequested
        && (e is OperationCanceledException || e is TripleStoreException { Kind: ErrorKind.Canceled or ErrorKind.Timeout });

    private int Instances(string query) => _observed.Keys.Count(k => k.Query == query);

    private long ResultsOf(string query) => _observed.Where(kv => kv.Key.Query == query).Sum(kv => kv.Value);

    private void Check(BenchmarkQuery query, int round, long count)
    {
        int pool = round % _workload.DistinctRounds;
        if (_expected?.For(query.Name, pool) is long expected)
        {
            if (count != expected)
                throw WrongAnswer(query, pool, count, expected, "recorded for this scale and seed");
        }
        long first = _observed.GetOrAdd((query.Name, pool), count);
        if (first != count)
            throw WrongAnswer(query, pool, count, first, "returned by an earlier execution of the same query");
    }

    private TripleStoreException WrongAnswer(BenchmarkQuery query, int pool, long count, long expected, string source)
    {
        string instance = _workload.DistinctRounds > 1 ? string.Create(CultureInfo.InvariantCulture, $" (mix {pool})") : "";
        return new TripleStoreException(ErrorCodes.BenchmarkWrongAnswer, ErrorKind.QueryEvaluation,
            string.Create(CultureInfo.InvariantCulture,
                $"{_executor.Name} answered {_workload.Name} seed {_workload.Seed} {query.Name}{instance} with {count} results, but {expected} were {source}. A wrong answer is not a time: the run stops."));
    }
}
