using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using TripleStore.Configuration;
using TripleStore.Dataset;
using TripleStore.Operations;
using TripleStore.Rdf;
using TripleStore.Remote;
using TripleStore.Server;
using TripleStore.Sparql;
using TripleStore.Tests.Server;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.Remote;

/// <summary>
/// The shared Redis tier of remote stores, against a real redis-server and this engine's own SPARQL
/// server on loopback: hits (the endpoint sees no second request), expiry, invalidation by writes
/// through the module across store objects, and Redis going away and coming back mid-run.
/// </summary>
public sealed class RedisCacheTests(ITestOutputHelper output) : IDisposable
{
    private const string Rank = "http://example.org/rank";
    private const string CountQuery = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/rank> ?o }";

    private readonly RedisServer _redis = new();
    private readonly ServerFixture _server = new();
    private readonly List<RemoteStore> _stores = [];

    private void Seed()
    {
        _server.Update("INSERT DATA { <http://example.org/a> <http://example.org/rank> 1 . <http://example.org/b> <http://example.org/rank> 2 }");
    }

    private bool _seeded;

    private RemoteStore Open(RedisCacheOptions? cache = null, ILogger? logger = null, string? prefix = null)
    {
        if (!_seeded)
        {
            Seed();
            _seeded = true;
        }
        var options = new RemoteStoreOptions
        {
            Headers = new Dictionary<string, string> { ["X-API-Key"] = ServerFixture.ApiKey },
            // A generous timeout: the test machine is shared and loaded. A killed Redis refuses connections, which fails fast anyway.
            RedisCache = cache ?? new RedisCacheOptions { Connection = _redis.Connection, KeyPrefix = prefix ?? $"t{Guid.NewGuid():N}", Timeout = TimeSpan.FromSeconds(5) },
            Logger = logger,
        };
        var store = RemoteStore.Connect(new Uri(_server.Server.SparqlUrl), options);
        _stores.Add(store);
        return store;
    }

    /// <summary>The requests the endpoint has served, once the count settles (the server counts a request after answering it).</summary>
    private long Requests()
    {
        long last = -1;
        while (true)
        {
            long now = _server.Server.RequestCount;
            if (now == last) return now;
            last = now;
            Thread.Sleep(100);
        }
    }

    private static long Count(RemoteStore store, string query = CountQuery) =>
        long.Parse(((Literal)((SolutionSequence)store.Query(query)).Single()[0]!).Value);

    [Fact]
    public void A_repeated_query_is_answered_from_Redis_without_a_request_to_the_endpoint()
    {
        var store = Open();
        long before = Requests();

        Assert.Equal(2, Count(store));
        long afterFirst = Requests();
        // Same query with other white space and a comment: the normalized text is the key.
        Assert.Equal(2, Count(store, "SELECT  (COUNT(*) AS ?n)\n  WHERE { ?s <http://example.org/rank> ?o } # again"));
        Assert.True(((BooleanResult)store.Query("ASK { <http://example.org/a> ?p ?o }")).Value);
        Assert.True(((BooleanResult)store.Query("ASK { <http://example.org/a> ?p ?o }")).Value);
        var built = ((GraphResult)store.Query("CONSTRUCT { ?s <http://example.org/r> ?o } WHERE { ?s <http://example.org/rank> ?o }")).ToList();
        var again = ((GraphResult)store.Query("CONSTRUCT { ?s <http://example.org/r> ?o } WHERE { ?s <http://example.org/rank> ?o }")).ToList();

        Assert.Equal(1, afterFirst - before);
        Assert.Equal(3, Requests() - before);
        Assert.Equal(2, built.Count);
        Assert.Equal(built.Select(t => t.ToString()).Order(), again.Select(t => t.ToString()).Order());
        var stats = store.GetStatistics();
        Assert.Equal("Connected", stats.RedisCache);
        Assert.Equal(3, stats.RedisCacheHits);
        Assert.Equal(3, stats.RedisCacheMisses);
        Assert.Equal(0, stats.RedisCacheErrors);
    }

    [Fact]
    public void Parameters_are_part_of_the_key()
    {
        var store = Open();
        string query = "SELECT ?o WHERE { ?s <http://example.org/rank> ?o }";
        Term? Value(string subject) => ((SolutionSequence)store.Query(query,
            QueryOptions.Default with { Parameters = new Dictionary<string, Term> { ["s"] = new Iri(subject) } })).Single()[0];

        Assert.Equal("1", ((Literal)Value("http://example.org/a")!).Value);
        Assert.Equal("2", ((Literal)Value("http://example.org/b")!).Value);
        Assert.Equal("1", ((Literal)Value("http://example.org/a")!).Value);
        Assert.Equal(1, store.GetStatistics().RedisCacheHits);
    }

    [Fact]
    public void A_result_expires_after_the_TTL_of_its_query_form()
    {
        var store = Open(new RedisCacheOptions { Connection = _redis.Connection, KeyPrefix = $"t{Guid.NewGuid():N}", SelectTtl = TimeSpan.FromSeconds(1), AskTtl = null, Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(2, Count(store));
        // A change the module does not see (straight into the server's store): only expiry shows it.
        _server.Store.Add(new Quad(new Iri("http://example.org/c"), new Iri(Rank), Literal.Typed("3", Xsd.Integer), null));

        Assert.Equal(2, Count(store));
        Thread.Sleep(1500);
        Assert.Equal(3, Count(store));

        long before = Requests();
        store.Query("ASK { ?s ?p ?o }");
        store.Query("ASK { ?s ?p ?o }");
        Assert.Equal(2, Requests() - before);   // AskTtl = none: ASK is not cached
    }

    [Fact]
    public void Writes_through_the_module_invalidate_the_results_every_store_sharing_Redis_sees()
    {
        string prefix = $"t{Guid.NewGuid():N}";
        var hostA = Open(prefix: prefix);
        var hostB = Open(prefix: prefix);

        Assert.Equal(2, Count(hostA));
        long before = Requests();
        Assert.Equal(2, Count(hostB));                           // filled by host A
        Assert.Equal(0, Requests() - before);

        hostA.InsertData([new Quad(new Iri("http://example.org/c"), new Iri(Rank), Literal.Typed("3", Xsd.Integer), null)]);
        Assert.Equal(3, Count(hostB));
        hostB.Update("DELETE DATA { <http://example.org/a> <http://example.org/rank> 1 }");
        Assert.Equal(2, Count(hostA));
        hostA.DeleteData([new Quad(new Iri("http://example.org/b"), new Iri(Rank), Literal.Typed("2", Xsd.Integer), null)]);
        Assert.Equal(1, Count(hostB));
        var file = Path.Combine(Path.GetTempPath(), $"ts-redis-{Guid.NewGuid():N}.nt");
        File.WriteAllText(file, "<http://example.org/d> <http://example.org/rank> \"4\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<http://example.org/e> <http://example.org/rank> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
        try
        {
            hostB.Import([file]);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Equal(3, Count(hostA));
        hostA.Clear(GraphSelector.All);
        Assert.Equal(0, Count(hostB));

        Assert.Equal(3, hostA.GetStatistics().RedisCacheInvalidations);
        Assert.Equal(2, hostB.GetStatistics().RedisCacheInvalidations);
        Assert.Equal("5", _redis.Command($"GET {prefix}:{{{_server.Server.SparqlUrl}}}:gen"));
    }

    [Fact]
    public void A_store_with_a_different_prefix_shares_nothing()
    {
        var one = Open();
        var other = Open();
        Count(one);
        long before = Requests();
        Count(other);
        Assert.Equal(1, Requests() - before);
    }

    [Fact]
    public void Volatile_queries_and_health_checks_always_reach_the_endpoint()
    {
        var store = Open();
        long before = Requests();
        ((SolutionSequence)store.Query("SELECT (RAND() AS ?r) WHERE { }")).ToList();
        ((SolutionSequence)store.Query("SELECT (RAND() AS ?r) WHERE { }")).ToList();
        store.CheckHealth();
        store.CheckHealth();
        Assert.Equal(4, Requests() - before);
        Assert.Equal(0, store.GetStatistics().RedisCacheHits);
    }

    [Fact]
    public void When_Redis_dies_mid_run_queries_still_work_one_warning_is_logged_health_is_Degraded_and_it_recovers()
    {
        var logger = new ListLogger();
        var measurements = new ConcurrentBag<(string Instrument, string? Result, long Value)>();
        using var listener = Listen(measurements);
        var store = Open(new RedisCacheOptions
        {
            Connection = _redis.Connection, KeyPrefix = $"t{Guid.NewGuid():N}",
            Timeout = TimeSpan.FromSeconds(5), RetryInterval = TimeSpan.FromMilliseconds(300),
        }, logger);
        Assert.Equal(2, Count(store));
        Assert.Equal(2, Count(store));
        Assert.Equal(HealthStatus.Healthy, store.CheckHealth().Status);

        _redis.Kill();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 5; i++) Assert.Equal(2, Count(store));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"five queries took {clock.Elapsed} with Redis dead");
        _server.Store.Add(new Quad(new Iri("http://example.org/c"), new Iri(Rank), Literal.Typed("3", Xsd.Integer), null));
        Assert.Equal(3, Count(store));                             // straight from the endpoint

        var warnings = logger.Records.Where(r => r.Level == LogLevel.Warning && r.Message.Contains("Redis")).ToList();
        Assert.Single(warnings);
        Assert.Contains(_redis.Connection, warnings[0].Message);
        var health = store.CheckHealth();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        var check = Assert.Single(health.Checks, c => c.Name == "RedisCache");
        Assert.Equal(HealthStatus.Degraded, check.Status);
        Assert.Contains("unavailable", check.Detail);
        Assert.Equal("Unavailable", store.RedisCacheState);
        Assert.True(store.GetStatistics().RedisCacheErrors >= 5);

        _redis.Start();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (store.CheckHealth().Status != HealthStatus.Healthy && DateTime.UtcNow < deadline) Thread.Sleep(200);
        Assert.Equal(HealthStatus.Healthy, store.CheckHealth().Status);
        Assert.Equal("Connected", store.RedisCacheState);
        long hits = store.GetStatistics().RedisCacheHits;
        Assert.Equal(3, Count(store));
        long before = Requests();
        Assert.Equal(3, Count(store));
        Assert.Equal(0, Requests() - before);
        Assert.Equal(hits + 1, store.GetStatistics().RedisCacheHits);
        Assert.Contains(logger.Records, r => r.Level == LogLevel.Information && r.Message.Contains("answers again"));
        Assert.Single(logger.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("Redis"));

        Assert.Contains(measurements, m => m.Instrument == "triplestore.cache.errors" && m.Value > 0);
        Assert.Contains(measurements, m => m.Instrument == "triplestore.cache.lookups" && m.Result == "hit");
        Assert.Contains(measurements, m => m.Instrument == "triplestore.cache.lookups" && m.Result == "miss");
    }

    [Fact]
    public void A_store_opens_and_answers_when_Redis_is_down_from_the_start()
    {
        _redis.Kill();
        var logger = new ListLogger();
        var clock = Stopwatch.StartNew();
        var store = Open(new RedisCacheOptions { Connection = _redis.Connection, KeyPrefix = "down", Timeout = TimeSpan.FromMilliseconds(300) }, logger);
        Assert.Equal(2, Count(store));
        Assert.Equal(2, Count(store));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"open and two queries took {clock.Elapsed}");
        Assert.Single(logger.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("Redis"));
        Assert.Equal(HealthStatus.Degraded, store.CheckHealth().Status);
        Assert.Equal("Unavailable", store.GetStatistics().RedisCache);
    }

    [Fact]
    public void A_bad_connection_string_is_a_configuration_error()
    {
        var e = Assert.Throws<TripleStoreException>(() => Open(new RedisCacheOptions { Connection = "127.0.0.1:6379,nonsense=1" }));
        Assert.Equal(ErrorCodes.Configuration, e.ErrorCode);
    }

    [Fact]
    public void TTLs_and_the_connection_come_from_the_configuration_with_its_precedence()
    {
        var environment = new Hashtable { ["TRIPLESTORE_REDIS_CACHE_ASK_TTL"] = "45s", ["TRIPLESTORE_REDIS_CACHE_CONNECTION"] = "envhost:6379" };
        var configuration = StoreConfiguration.Resolve("QueryHeavy", null,
            [new("RedisCacheDescribeTtl", "none"), new("RedisCacheConnection", "redis.example:6380,password=hunter2")], environment);

        var options = RedisCacheOptions.FromConfiguration(configuration)!;

        Assert.Equal("redis.example:6380,password=hunter2", options.Connection);
        Assert.Equal(TimeSpan.FromMinutes(15), options.SelectTtl);           // preset
        Assert.Equal(TimeSpan.FromSeconds(45), options.AskTtl);              // environment
        Assert.Null(options.DescribeTtl);                                    // option: not cached
        Assert.Equal(TimeSpan.FromMinutes(15), options.TtlFor(QueryForm.Construct));
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Timeout);      // default
        Assert.Equal(ConfigurationSource.Parameter, configuration["RedisCacheConnection"].Source);
        Assert.DoesNotContain("hunter2", configuration["RedisCacheConnection"].DisplayValue);
        Assert.Null(RedisCacheOptions.FromConfiguration(StoreConfiguration.Defaults));
    }

    [Fact]
    public void Latency_of_a_repeated_query_from_Redis_and_from_the_endpoint()
    {
        var store = Open();
        _server.Store.AddRange(Enumerable.Range(0, 2000).Select(i =>
            new Quad(new Iri($"http://example.org/item/{i}"), new Iri(Rank), Literal.Typed((i % 500).ToString(), Xsd.Integer), null)));
        const string query = "SELECT ?s ?o WHERE { ?s <http://example.org/rank> ?o FILTER(?o < 25) } ORDER BY ?o ?s LIMIT 100";
        string Rows(QueryOptions options) => string.Join("|", ((SolutionSequence)store.Query(query, options)).Select(r => $"{r[0]} {r[1]}"));
        var direct = QueryOptions.Default with { UseResultCache = false };
        var expected = Rows(direct);
        Assert.Equal(expected, Rows(QueryOptions.Default));                  // miss: fills Redis
        (double Median, double P95, double CpuMs) Measure(QueryOptions options)
        {
            var times = new List<double>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < 200; i++)
            {
                var clock = Stopwatch.StartNew();
                Assert.Equal(expected, Rows(options));
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 200;
            times.Sort();
            return (times[100], times[190], used);
        }
        var endpoint = Measure(direct);
        long hitsBefore = store.GetStatistics().RedisCacheHits;
        var redis = Measure(QueryOptions.Default);
        Assert.Equal(hitsBefore + 200, store.GetStatistics().RedisCacheHits);
        output.WriteLine($"100-row SELECT, 200 runs each: endpoint (this engine's server on loopback, its own result cache warm) median {endpoint.Median:0.000} ms, p95 {endpoint.P95:0.000} ms, CPU {endpoint.CpuMs:0.000} ms/query (client and server, one process); " +
            $"Redis hit median {redis.Median:0.000} ms, p95 {redis.P95:0.000} ms, CPU {redis.CpuMs:0.000} ms/query");
    }

    [Theory]
    [InlineData("SELECT * { ?s ?p ?o }", "SELECT * { ?s ?p ?o }", true)]
    [InlineData("SELECT *\n\t{ ?s ?p ?o } # comment", "SELECT * { ?s ?p ?o }", true)]
    [InlineData("SELECT * { ?s ?p \"a  # b\" }", "SELECT * { ?s ?p \"a  # b\" }", true)]
    [InlineData("SELECT * { <http://x/#a>   ?p ?o }", "SELECT * { <http://x/#a> ?p ?o }", true)]
    [InlineData("SELECT * { ?s ?p ?o FILTER(?o < 3) }", "SELECT * { ?s ?p ?o FILTER(?o < 3) }", true)]
    [InlineData("SELECT (rand() AS ?r) { }", "SELECT (rand() AS ?r) { }", false)]
    [InlineData("SELECT ?now { ?s <http://x/now> ?now }", "SELECT ?now { ?s <http://x/now> ?now }", true)]
    [InlineData("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", "SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", false)]
    public void Query_text_is_normalized_outside_strings_and_IRIs(string text, string normalized, bool cacheable)
    {
        Assert.Equal(normalized, SparqlTextNormalizer.Normalize(text, out bool isCacheable));
        Assert.Equal(cacheable, isCacheable);
    }

    private static MeterListener Listen(ConcurrentBag<(string, string?, long)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TripleStore.Telemetry.TripleStoreTelemetry.Name && instrument.Name.StartsWith("triplestore.cache.", StringComparison.Ordinal))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? name = null, result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "triplestore.cache.name") name = tag.Value?.ToString();
                if (tag.Key == "triplestore.cache.result") result = tag.Value?.ToString();
            }
            if (name == "redis") measurements.Add((instrument.Name, result, value));
        });
        listener.Start();
        return listener;
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Queue { get; } = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Records => Queue.ToArray();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Queue.Enqueue((logLevel, formatter(state, exception)));
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _server.Dispose();
        _redis.Dispose();
    }
}
