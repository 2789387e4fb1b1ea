using System.Collections;
using Microsoft.Extensions.Logging;
using TripleStore.Configuration;
using TripleStore.Sparql;
using TripleStore.Telemetry;
using TripleStore.Tests.Storage;
using Xunit;
using static TripleStore.Tests.Operations.OperationsTestData;

namespace TripleStore.Tests.Configuration;

public class StoreConfigurationTests
{
    private static readonly Hashtable NoEnvironment = new();

    private static StoreConfiguration Resolve(string? preset = null, string? file = null, Dictionary<string, object?>? options = null, Hashtable? environment = null) =>
        StoreConfiguration.Resolve(preset, file, options, environment ?? NoEnvironment);

    private static TripleStoreException Invalid(Action resolve)
    {
        var error = Assert.Throws<TripleStoreException>(resolve);
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Equal(ErrorKind.Configuration, error.Kind);
        return error;
    }

    [Fact]
    public void Without_any_source_every_setting_is_its_built_in_default()
    {
        var configuration = Resolve();
        Assert.Null(configuration.Preset);
        Assert.All(configuration.Entries, e => Assert.Equal(ConfigurationSource.Default, e.Source));
        Assert.Equal(128L << 20, configuration["BlockCacheBytes"].Value);
        Assert.Equal("Zstd", configuration["BottommostCompression"].Value);
        Assert.Equal(StoreConfiguration.Keys.Count, configuration.Entries.Count);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("ProductionLargeMemory")]
    [InlineData("ProductionLowMemory")]
    [InlineData("QueryHeavy")]
    [InlineData("BulkLoad")]
    public void Each_preset_sets_storage_knobs_and_limits_marked_as_coming_from_the_preset(string preset)
    {
        var configuration = Resolve(preset.ToLowerInvariant());
        Assert.Equal(preset, configuration.Preset);
        Assert.Contains(configuration.Entries, e => e.Section == "Storage" && e.Source == ConfigurationSource.Preset);
        Assert.Contains(configuration.Entries, e => e.Section == "Limits" && e.Source == ConfigurationSource.Preset);
    }

    [Fact]
    public void ProductionLargeMemory_gives_the_block_cache_about_40_percent_of_memory()
    {
        var cache = (long)Resolve("ProductionLargeMemory")["BlockCacheBytes"].Value!;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.InRange(cache, (long)(memory * 0.39), (long)(memory * 0.41));
        Assert.Equal("EveryCommit", Resolve("ProductionLargeMemory")["WalSync"].Value);
        Assert.Equal("Buffered", Resolve("BulkLoad")["WalSync"].Value);
    }

    [Fact]
    public void Precedence_is_default_then_preset_then_file_then_environment_then_options()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("store.json");
        File.WriteAllText(file, """
            { "Preset": "Development",
              "Storage": { "WriteBufferBytes": "48MB", "MaxOpenFiles": 500 },
              "Limits": { "MaxResultRows": 7000 } }
            """);
        var environment = new Hashtable { ["TRIPLESTORE_MAX_OPEN_FILES"] = "600", ["TRIPLESTORE_MAXRESULTROWS"] = "8000", ["TRIPLESTORE_SERVER_URL"] = "ignored" };
        var configuration = Resolve(file: file, environment: environment, options: new() { ["maxresultrows"] = 9000 });

        Assert.Equal("Development", configuration.Preset);
        Assert.Equal(ConfigurationSource.File, configuration.PresetSource);
        Assert.Equal((33554432L, ConfigurationSource.Preset), ((long)configuration["BlockCacheBytes"].Value!, configuration["BlockCacheBytes"].Source));
        Assert.Equal((48L << 20, ConfigurationSource.File), ((long)configuration["WriteBufferBytes"].Value!, configuration["WriteBufferBytes"].Source));
        Assert.Equal((600L, ConfigurationSource.Environment), ((long)configuration["MaxOpenFiles"].Value!, configuration["MaxOpenFiles"].Source));
        Assert.Equal((9000L, ConfigurationSource.Parameter), ((long)configuration["MaxResultRows"].Value!, configuration["MaxResultRows"].Source));
        Assert.Equal((4L, ConfigurationSource.Default), ((long)configuration["Level0CompactionTrigger"].Value!, configuration["Level0CompactionTrigger"].Source));
        Assert.Equal(Path.GetFullPath(file), configuration.ConfigurationFile);
    }

    [Fact]
    public void The_preset_parameter_beats_the_environment_which_beats_the_file()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("store.json");
        File.WriteAllText(file, """{ "Preset": "Development" }""");
        var environment = new Hashtable { ["TRIPLESTORE_PRESET"] = "BulkLoad", [StoreConfiguration.FileVariable] = file };
        Assert.Equal(("BulkLoad", ConfigurationSource.Environment), (Resolve(environment: environment).Preset, Resolve(environment: environment).PresetSource));
        Assert.Equal("QueryHeavy", Resolve("QueryHeavy", environment: environment).Preset);
        Assert.Equal("Development", Resolve(environment: new Hashtable { [StoreConfiguration.FileVariable] = file }).Preset);
    }

    [Fact]
    public void Values_are_read_in_their_usual_notations()
    {
        var configuration = Resolve(options: new()
        {
            ["BlockCacheBytes"] = "1.5GB",
            ["QueryTimeout"] = "90s",
            ["LoadAllowedHosts"] = "example.org, data.example.org",
            ["AllowLoad"] = "true",
            ["CompactionRateLimitBytesPerSecond"] = 10485760,
            ["Compression"] = "zstd",
        });
        Assert.Equal((long)(1.5 * (1L << 30)), configuration["BlockCacheBytes"].Value);
        Assert.Equal(TimeSpan.FromSeconds(90), configuration["QueryTimeout"].Value);
        Assert.Equal(new[] { "example.org", "data.example.org" }, configuration["LoadAllowedHosts"].Value);
        Assert.Equal(true, configuration["AllowLoad"].Value);
        Assert.Equal("Zstd", configuration["Compression"].Value);
        Assert.Equal(TimeSpan.FromMinutes(5), Resolve(options: new() { ["QueryTimeout"] = "00:05:00" })["QueryTimeout"].Value);
        Assert.Null(Resolve(options: new() { ["QueryTimeout"] = "none" })["QueryTimeout"].Value);
    }

    [Fact]
    public void An_unknown_key_in_the_options_is_an_error_listing_the_keys()
    {
        var error = Invalid(() => Resolve(options: new() { ["BlockCache"] = "1GB" }));
        Assert.Contains("'BlockCache'", error.Message);
        Assert.Contains("BlockCacheBytes", error.Message);
    }

    [Fact]
    public void A_bad_value_is_an_error_naming_the_key_and_its_allowed_values()
    {
        var error = Invalid(() => Resolve(options: new() { ["Compression"] = "gzip" }));
        Assert.Contains("'Compression'", error.Message);
        Assert.Contains("None, Snappy, Lz4, Zstd", error.Message);

        error = Invalid(() => Resolve(options: new() { ["MaxWriteBufferNumber"] = 1 }));
        Assert.Contains("'MaxWriteBufferNumber'", error.Message);
        Assert.Contains("from 2 to 16", error.Message);

        Assert.Contains("'QueryTimeout'", Invalid(() => Resolve(options: new() { ["QueryTimeout"] = "soon" })).Message);
        Assert.Contains("'WalSync'", Invalid(() => Resolve(options: new() { ["WalSync"] = "Sometimes" })).Message);
        Assert.Contains("'BlockCacheBytes'", Invalid(() => Resolve(options: new() { ["BlockCacheBytes"] = "1MB" })).Message);
    }

    [Fact]
    public void An_unknown_preset_is_an_error_listing_the_presets()
    {
        var error = Invalid(() => Resolve("Turbo"));
        Assert.Contains("Development, ProductionLargeMemory, ProductionLowMemory, QueryHeavy, BulkLoad", error.Message);
        Invalid(() => Resolve(environment: new Hashtable { ["TRIPLESTORE_PRESET"] = "Fast" }));
    }

    [Fact]
    public void File_errors_name_the_file_and_the_key()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("bad.json");
        File.WriteAllText(file, """{ "Storage": { "BlockCacheBytes": "lots" } }""");
        var error = Invalid(() => Resolve(file: file));
        Assert.Contains(file, error.Message);
        Assert.Contains("'BlockCacheBytes'", error.Message);

        File.WriteAllText(file, """{ "Cache": 1 }""");
        Assert.Contains("Unknown configuration key 'Cache'", Invalid(() => Resolve(file: file)).Message);
        File.WriteAllText(file, "{ not json");
        Assert.Contains("not valid JSON", Invalid(() => Resolve(file: file)).Message);
        Assert.Contains("does not exist", Invalid(() => Resolve(file: temp.Combine("missing.json"))).Message);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var error = Invalid(() => Resolve(environment: new Hashtable { ["TRIPLESTORE_WAL_SYNC"] = "never" }));
        Assert.Contains("TRIPLESTORE_WAL_SYNC", error.Message);
        Assert.Contains("EveryCommit, Buffered", error.Message);
    }

    [Fact]
    public void A_configuration_error_leaves_no_store_behind()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("never");
        Invalid(() => RdfStore.Open(folder, Resolve(options: new() { ["MaxOpenFiles"] = "many" }).ToStoreOptions()));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("QueryHeavy")]
    [InlineData("ProductionLargeMemory")]
    [InlineData("ProductionLowMemory")]
    [InlineData("BulkLoad")]
    [InlineData("Development")]
    public void Every_preset_opens_and_answers_exactly_as_the_defaults(string preset)
    {
        using var temp = new TempFolder();
        var data = Range(0, 500).Concat(Range(250, 100)).ToList();
        string[] queries =
        [
            "SELECT ?s ?o WHERE { ?s <http://example.org/p1> ?o } ORDER BY ?s ?o",
            "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
            "SELECT ?p ?o WHERE { <http://example.org/s7> ?p ?o }",
            "SELECT ?g ?s WHERE { GRAPH ?g { ?s <http://example.org/p3> ?o } } ORDER BY ?g ?s",
        ];
        List<string> Answers(RdfStore store) => queries.SelectMany(q => ((SolutionSequence)store.Query(q)).Select(r => string.Join("|", r.Select(t => t?.ToString())))).ToList();

        List<string> expected;
        using (var plain = RdfStore.Open(temp.Combine("plain")))
        {
            plain.ImportQuads(data);
            plain.AddRange(Range(1000, 10));
            expected = Answers(plain);
        }
        Assert.True(expected.Count > 100);
        var options = Resolve(preset, options: new() { ["BlockCacheBytes"] = "16MB" }).ToStoreOptions();
        using (var tuned = RdfStore.Open(temp.Combine("tuned"), options))
        {
            tuned.ImportQuads(data);
            tuned.AddRange(Range(1000, 10));
            Assert.Equal(expected, Answers(tuned));
        }
        using var reopened = RdfStore.Open(temp.Combine("tuned"), options);
        Assert.Equal(expected, Answers(reopened));
        Assert.Equal(preset, reopened.Configuration.Preset);
    }

    [Fact]
    public void MaxResultRows_stops_a_query_with_LimitExceeded()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("s"), Resolve(options: new() { ["MaxResultRows"] = 10 }).ToStoreOptions());
        store.AddRange(Range(0, 20));
        var error = Assert.Throws<TripleStoreException>(() => ((SolutionSequence)store.Query("SELECT * WHERE { ?s ?p ?o }")).Count());
        Assert.Equal(ErrorCodes.LimitExceeded, error.ErrorCode);
        Assert.Contains("MaxResultRows", error.Message);
        Assert.Equal(10, ((SolutionSequence)store.Query("SELECT * WHERE { ?s ?p ?o } LIMIT 10")).Count());
    }

    [Fact]
    public void MaxImportBytes_refuses_a_larger_import_and_leaves_the_store_unchanged()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("big.nt");
        File.WriteAllLines(file, Enumerable.Range(0, 100).Select(i => $"<http://example.org/s{i}> <http://example.org/p> \"{i}\" ."));
        using var store = RdfStore.Open(temp.Combine("s"), Resolve(options: new() { ["MaxImportBytes"] = 1000 }).ToStoreOptions());
        var error = Assert.Throws<TripleStoreException>(() => store.Import([file]));
        Assert.Equal((ErrorCodes.LimitExceeded, ErrorKind.LimitExceeded), (error.ErrorCode, error.Kind));
        Assert.Equal(0, store.Count());
    }

    [Fact]
    public void The_configured_query_timeout_and_row_memory_apply_to_queries()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("s"), Resolve(options: new() { ["MaxRowsInMemory"] = 1000, ["SpillToDisk"] = false }).ToStoreOptions());
        store.AddRange(Range(0, 3000)); // 2000 in the default graph
        var error = Assert.Throws<TripleStoreException>(() => ((SolutionSequence)store.Query("SELECT * WHERE { ?s ?p ?o } ORDER BY ?o")).Count());
        Assert.Equal(ErrorCodes.LimitExceeded, error.ErrorCode);
        Assert.Contains("MaxRowsInMemory", error.Message);
    }

    [Fact]
    public void Past_the_row_memory_a_store_spills_to_its_query_temp_folder_and_cleans_it()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("s"), Resolve(options: new() { ["MaxRowsInMemory"] = 1000 }).ToStoreOptions());
        store.AddRange(Range(0, 3000));
        const string query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY DESC(?o) ?s";
        var spilled = ((SolutionSequence)store.Query(query, new QueryOptions { UseResultCache = false })).Select(r => r[0] + " " + r[1]).ToList();
        var inMemory = ((SolutionSequence)store.Query(query, new QueryOptions { UseResultCache = false, MaxRowsInMemory = 100_000 })).Select(r => r[0] + " " + r[1]).ToList();
        Assert.Equal(2000, spilled.Count);
        Assert.Equal(inMemory, spilled);
        var folder = Path.Combine(store.Path, "query-tmp");
        Assert.True(Directory.Exists(folder), "the query did not spill");
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void The_configured_spill_path_and_cap_apply_to_queries()
    {
        using var temp = new TempFolder();
        var spillPath = temp.Combine("spill");
        using var store = RdfStore.Open(temp.Combine("s"), Resolve(options: new() { ["MaxRowsInMemory"] = 1000, ["SpillPath"] = spillPath, ["MaxSpillBytes"] = 20_000 }).ToStoreOptions());
        store.AddRange(Range(0, 3000));
        var error = Assert.Throws<TripleStoreException>(() => ((SolutionSequence)store.Query("SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o }")).Count());
        Assert.Equal(ErrorCodes.LimitExceeded, error.ErrorCode);
        Assert.Contains("MaxSpillBytes", error.Message);
        Assert.True(Directory.Exists(spillPath), "the query did not spill to SpillPath");
        Assert.Empty(Directory.GetFiles(spillPath));
    }

    [Fact]
    public void Safe_messages_hide_paths_but_keep_iris_and_positions()
    {
        var message = "Cannot open the store at /var/lib/triplestore/data: IO error; see C:\\stores\\x and http://example.org/a/b at data.ttl:3:7";
        var safe = SafeMessage.Redact(message);
        Assert.DoesNotContain("/var/lib", safe);
        Assert.DoesNotContain("C:\\stores", safe);
        Assert.Contains("http://example.org/a/b", safe);
        Assert.Contains("<path>", safe);
        var redacted = SafeMessage.Redact(new TripleStoreException(ErrorCodes.IO, ErrorKind.IO, message, new IOException("inner /secret")));
        Assert.Equal(ErrorCodes.IO, redacted.ErrorCode);
        Assert.Null(redacted.InnerException);
        Assert.True(Resolve("ProductionLowMemory").SafeMessages);
    }

    [Fact]
    public void The_engine_logs_through_the_logger_factory_of_the_options()
    {
        using var temp = new TempFolder();
        var provider = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        var file = temp.Combine("d.nt");
        File.WriteAllText(file, "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n");
        using (var store = RdfStore.Open(temp.Combine("s"), new StoreOptions { LoggerFactory = factory }))
        {
            store.Import([file]);
            _ = ((SolutionSequence)store.Query("SELECT * WHERE { ?s ?p ?o }")).Count();
        }
        Assert.Contains(provider.Messages, m => m.StartsWith("Opened the store at", StringComparison.Ordinal));
        Assert.Contains(provider.Messages, m => m.Contains("statements/s", StringComparison.Ordinal));
        Assert.Contains(provider.Messages, m => m.StartsWith("Plan chosen", StringComparison.Ordinal));
        Assert.Contains(provider.Messages, m => m.StartsWith("Flushing memtables", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_capture_sees_the_records_of_its_own_flow_only()
    {
        using var temp = new TempFolder();
        var direct = new List<CapturedLogRecord>();
        using (var capture = LogCapture.Start("Information"))
        {
            capture.Logged += direct.Add;
            var queued = new List<CapturedLogRecord>();
            var other = new Thread(() => RdfStore.Open(temp.Combine("s")).Dispose()); // another thread (the context flows): queued
            other.Start();
            other.Join();
            capture.Drain(queued.Add);
            Assert.Contains(queued, r => r.Level == "Information" && r.Message.StartsWith("Opened the store", StringComparison.Ordinal));
            RdfStore.Open(temp.Combine("t")).Dispose(); // this thread: raised at once
            Assert.Contains(direct, r => r.Message.StartsWith("Opened the store", StringComparison.Ordinal));
        }
        int before = direct.Count;
        RdfStore.Open(temp.Combine("u")).Dispose();
        Assert.Equal(before, direct.Count);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];
        public ILogger CreateLogger(string categoryName) => new ListLogger(this);
        public void Dispose() { }

        private sealed class ListLogger(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Messages) owner.Messages.Add(formatter(state, exception));
            }
        }
    }
}
