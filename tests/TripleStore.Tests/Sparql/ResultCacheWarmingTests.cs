using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TripleStore.Configuration;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

public class ResultCacheWarmingTests
{
    private const string WarmFileName = "result-cache-warm.json";
    private const string OnP = "SELECT ?s ?o { ?s <http://example.org/p> ?o }";
    private const string OnQ = "SELECT ?s ?o { ?s <http://example.org/q> ?o }";
    private const string Ask = "ASK { ?s <http://example.org/p> ?o }";

    private static RdfStore Open(string path, ILoggerFactory? logs = null, bool readOnly = false, params (string Key, object Value)[] settings)
    {
        var configuration = StoreConfiguration.Resolve(options: settings.Select(s => new KeyValuePair<string, object?>(s.Key, s.Value)),
            environment: new System.Collections.Hashtable());
        return RdfStore.Open(path, configuration.ToStoreOptions(readOnly) with { LoggerFactory = logs });
    }

    private static RdfStore OpenWarm(string path, ILoggerFactory? logs = null, int queries = 100) =>
        Open(path, logs, false, ("ResultCacheWarmOnOpen", true), ("ResultCacheWarmQueries", queries));

    private static Quad Q(string s, string p, string o) => new(StoreTestData.Ex(s), StoreTestData.Ex(p), StoreTestData.Ex(o), null);

    private static int Read(RdfStore store, string query, QueryOptions? options = null) => store.Query(query, options) switch
    {
        SolutionSequence rows => rows.Count(),
        BooleanResult answer => answer.Value ? 1 : 0,
        _ => throw new InvalidOperationException(),
    };

    private static void WaitForWarming(RdfStore store)
    {
        var clock = Stopwatch.StartNew();
        while (store.ResultCacheWarming.Running)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "warming did not finish in 60 s");
            Thread.Sleep(20);
        }
    }

    private static List<(string Query, long Uses)> Saved(string storePath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(storePath, WarmFileName)));
        return json.RootElement.GetProperty("queries").EnumerateArray()
            .Select(q => (q.GetProperty("query").GetString()!, q.GetProperty("uses").GetInt64())).ToList();
    }

    [Fact]
    public void Close_saves_the_most_used_queries_with_their_counts_and_never_a_parameter_value()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        using (var store = OpenWarm(path, queries: 2))
        {
            store.AddRange([Q("a", "p", "b"), Q("a", "q", "c")]);
            for (int i = 0; i < 3; i++) Read(store, OnP);
            for (int i = 0; i < 2; i++) Read(store, OnQ);
            Read(store, Ask);
            var secret = new Dictionary<string, Term> { ["o"] = Literal.Simple("s3cret-token") };
            for (int i = 0; i < 5; i++) Read(store, OnP, new QueryOptions { Parameters = secret });
        }

        Assert.Equal(new[] { (OnP, 3L), (OnQ, 2L) }, Saved(path));
        var text = File.ReadAllText(Path.Combine(path, WarmFileName));
        Assert.DoesNotContain("s3cret-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Reopening_warms_the_saved_queries_so_the_first_request_is_a_hit_and_counts_decay()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        List<string> expected;
        using (var store = OpenWarm(path))
        {
            store.AddRange([Q("a", "p", "b"), Q("b", "p", "c"), Q("a", "q", "c")]);
            for (int i = 0; i < 4; i++) Read(store, OnP);
            Read(store, "PREFIX ex: <http://example.org/>\nASK { ?s ex:q ?o }");
            expected = ((SolutionSequence)store.Query(OnP, new QueryOptions { UseResultCache = false })).Select(r => string.Join(" ", r)).Order().ToList();
        }

        using (var store = OpenWarm(path))
        {
            WaitForWarming(store);
            Assert.Equal(2, store.ResultCacheWarming.Warmed);
            Assert.Equal(2, store.ResultCacheStatistics.Entries);
            Assert.Equal(2, store.GetStatistics().ResultCacheWarmed);
            long hits = store.ResultCacheStatistics.Hits;

            var rows = ((SolutionSequence)store.Query(OnP)).Select(r => string.Join(" ", r)).Order().ToList();

            Assert.Equal(expected, rows);
            Assert.Equal(hits + 1, store.ResultCacheStatistics.Hits);
        }
        // Halved on reopen, plus this session's one request: 4/2 + 1 and 1/2 (gone).
        Assert.Equal(new[] { (OnP, 3L) }, Saved(path));
    }

    [Fact]
    public void Warming_is_off_by_default_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        using (var store = Open(path))
        {
            store.Add(Q("a", "p", "b"));
            Read(store, OnP);
            Read(store, OnP);
            Assert.False(store.ResultCacheWarming.Enabled);
        }
        Assert.False(File.Exists(Path.Combine(path, WarmFileName)));
    }

    [Fact]
    public void A_corrupt_warm_file_is_ignored_with_a_warning_and_rewritten_on_close()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        using (var store = Open(path)) store.Add(Q("a", "p", "b"));
        File.WriteAllText(Path.Combine(path, WarmFileName), "{ \"format\": \"triplestore-result-cache-warm\", \"version\": 1, \"queries\": [ { \"query\": ");
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        using (var store = OpenWarm(path, factory))
        {
            Assert.Equal(0, store.ResultCacheWarming.Queued);
            Assert.Equal(1, Read(store, OnP));
        }

        Assert.Contains(logs.Warnings, m => m.StartsWith("Ignored the result cache warm file", StringComparison.Ordinal));
        Assert.Equal(new[] { (OnP, 1L) }, Saved(path));
    }

    [Fact]
    public void A_missing_warm_file_warms_nothing_and_logs_no_warning()
    {
        using var folder = new TempFolder();
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using (var store = OpenWarm(folder.Combine("store"), factory))
        {
            Assert.True(store.ResultCacheWarming.Enabled);
            Assert.Equal(0, store.ResultCacheWarming.Queued);
        }
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public void A_saved_query_that_no_longer_parses_is_skipped_and_the_others_are_warmed()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        using (var store = Open(path)) store.Add(Q("a", "p", "b"));
        File.WriteAllText(Path.Combine(path, WarmFileName), JsonSerializer.Serialize(new
        {
            format = "triplestore-result-cache-warm",
            version = 1,
            queries = new object[]
            {
                new { query = "SELECT ?s { ?s <http://example.org/p> ", uses = 9 },
                new { query = OnP, uses = 4 },
                new { query = "not an entry" },
            },
        }));
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));

        using (var store = OpenWarm(path, factory))
        {
            WaitForWarming(store);
            var status = store.ResultCacheWarming;
            Assert.Equal((2, 1, 1, 0), (status.Queued, status.Warmed, status.Skipped, status.Failed));
            Assert.Equal(1, Read(store, OnP));
            Assert.Equal(1, store.ResultCacheStatistics.Hits);
        }
        Assert.Contains(logs.Warnings, m => m.StartsWith("Skipped 1 malformed entries", StringComparison.Ordinal));
        Assert.Contains(logs.Warnings, m => m.Contains("no longer parses", StringComparison.Ordinal));
        Assert.Equal(new[] { (OnP, 3L) }, Saved(path));
    }

    [Fact]
    public void Closing_during_warming_is_prompt_and_writers_are_not_blocked_meanwhile()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        using (var store = Open(path)) store.AddRange(Enumerable.Range(0, 3000).Select(i => Q($"s{i}", "p", $"o{i}")));
        // 3,000 × 3,000 × 3,000 rows: this query cannot finish during the test, so a write, close or open that
        // waited for it would never return; the bounds below are generous so a busy machine cannot fail them.
        const string Endless = "SELECT (COUNT(*) AS ?n) { ?a <http://example.org/p> ?b . ?c <http://example.org/p> ?d . ?e <http://example.org/p> ?f }";
        File.WriteAllText(Path.Combine(path, WarmFileName), JsonSerializer.Serialize(new
        {
            format = "triplestore-result-cache-warm",
            version = 1,
            queries = new[] { new { query = Endless, uses = 6 } },
        }));

        var open = Stopwatch.StartNew();
        var store2 = OpenWarm(path);
        open.Stop();
        try
        {
            Assert.True(store2.ResultCacheWarming.Running);
            // The warming thread lowers its own priority when it starts; on a busy machine that can take a while.
            if (OperatingSystem.IsLinux())
            {
                var waited = Stopwatch.StartNew();
                while (WarmingThreadNice() != 10 && waited.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
                Assert.Equal(10, WarmingThreadNice());
            }
            var write = Stopwatch.StartNew();
            Assert.True(store2.Add(Q("new", "p", "value")));
            write.Stop();
            Assert.True(write.Elapsed < TimeSpan.FromSeconds(30), $"a write took {write.Elapsed} during warming");
            Assert.True(store2.ResultCacheWarming.Running);
        }
        finally
        {
            var close = Stopwatch.StartNew();
            store2.Dispose();
            close.Stop();
            Assert.True(close.Elapsed < TimeSpan.FromSeconds(30), $"closing took {close.Elapsed}");
        }
        Assert.False(store2.ResultCacheWarming.Running);
        Assert.Equal(0, store2.ResultCacheWarming.Warmed);
        Assert.True(open.Elapsed < TimeSpan.FromSeconds(30), $"opening took {open.Elapsed}");
        // Not reached, so still saved (halved like every carried-over count).
        Assert.Equal(new[] { (Endless, 3L) }, Saved(path));
    }

    /// <summary>The nice value of the warming thread (Linux names threads by their first 15 characters).</summary>
    private static int WarmingThreadNice()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != "TripleStore res") continue;
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            // Fields after the command's closing parenthesis: state is field 3, nice is field 19.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("no warming thread found");
    }

    [Fact]
    public void A_read_only_open_warms_but_does_not_rewrite_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("store");
        using (var store = OpenWarm(path))
        {
            store.Add(Q("a", "p", "b"));
            for (int i = 0; i < 2; i++) Read(store, OnP);
        }
        var before = File.ReadAllText(Path.Combine(path, WarmFileName));

        using (var store = Open(path, null, true, ("ResultCacheWarmOnOpen", true)))
        {
            WaitForWarming(store);
            Assert.Equal(1, store.ResultCacheWarming.Warmed);
            Read(store, OnP);
            Assert.Equal(1, store.ResultCacheStatistics.Hits);
        }

        Assert.Equal(before, File.ReadAllText(Path.Combine(path, WarmFileName)));
    }

    [Theory]
    [InlineData("ResultCacheWarmQueries", 0)]
    [InlineData("ResultCacheWarmQueries", 10_001)]
    [InlineData("ResultCacheWarmOnOpen", "sometimes")]
    public void Warming_settings_are_validated(string key, object value)
    {
        var error = Assert.Throws<TripleStoreException>(() => StoreConfiguration.Resolve(
            options: [new KeyValuePair<string, object?>(key, value)], environment: new System.Collections.Hashtable()));
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _warnings = [];
        public List<string> Warnings { get { lock (_warnings) return [.. _warnings]; } }
        public ILogger CreateLogger(string categoryName) => new ListLogger(this);
        public void Dispose() { }

        private sealed class ListLogger(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning) lock (owner._warnings) owner._warnings.Add(formatter(state, exception));
            }
        }
    }
}
