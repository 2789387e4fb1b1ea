using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using TripleStore.Operations;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using TripleStore.Telemetry;
using TripleStore.Tests.Storage;
using Xunit;
using static TripleStore.Tests.Operations.OperationsTestData;

namespace TripleStore.Tests.Telemetry;

/// <summary>
/// Metrics are process-wide and other test classes run alongside, so these tests look for their own
/// measurements (by attribute and value) or for increases, never for exact totals.
/// </summary>
public class TelemetryTests
{
    private const string Select = "SELECT ?s ?o WHERE { ?s <http://example.org/q> ?o }";

    /// <summary>Runs every instrumented operation once against a fresh store.</summary>
    private static void Exercise(TempFolder temp, Action? observe = null, int quads = 30)
    {
        var data = temp.Combine("data.nt");
        File.WriteAllLines(data, Enumerable.Range(0, 20).Select(i => $"<http://example.org/i{i}> <http://example.org/q> \"{i}\" ."));
        // A two-entry result cache, so the three distinct queries below also cause an eviction.
        var configuration = TripleStore.Configuration.StoreConfiguration.Resolve(
            options: [new KeyValuePair<string, object?>("ResultCacheEntries", 2L)], environment: new System.Collections.Hashtable());
        using var store = RdfStore.Open(temp.Combine("store"), configuration.ToStoreOptions());
        store.AddRange(Range(0, quads));
        store.Import([data]);
        store.Update("INSERT DATA { <http://example.org/a> a <http://example.org/Student> . <http://example.org/Student> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://example.org/Person> }");
        store.Update("DELETE DATA { <http://example.org/a> a <http://example.org/Student> }");
        store.Update("INSERT DATA { <http://example.org/b> a <http://example.org/Student> }");
        for (int i = 0; i < 2; i++) _ = ((SolutionSequence)store.Query(Select)).Count(); // the second is a plan and a result cache hit
        _ = store.Query("ASK { ?s ?p ?o }");
        _ = ((GraphResult)store.Query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")).Count();
        store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });
        StoreBackup.Create(store, temp.Combine("backups"));
        Assert.ThrowsAny<TripleStoreException>(() => store.Query("SELECT WHERE {"));
        try { StoreBackup.Create(store, temp.Combine("store/inside")); } catch (TripleStoreException) { }
        // A remote store whose Redis tier cannot be reached (nothing listens on port 9) counts a cache error.
        using (TripleStore.Remote.RemoteStore.Connect(new Uri("http://127.0.0.1:9/sparql"), new TripleStore.Remote.RemoteStoreOptions
               { RedisCache = new TripleStore.Remote.RedisCacheOptions { Connection = "127.0.0.1:9", Timeout = TimeSpan.FromMilliseconds(200) } })) { }
        observe?.Invoke(); // while the store is open
    }

    [Fact]
    public void Every_instrument_is_emitted_with_low_cardinality_attributes()
    {
        using var temp = new TempFolder();
        var seen = new ConcurrentDictionary<string, ConcurrentBag<(double Value, KeyValuePair<string, object?>[] Tags)>>();
        using var listener = TelemetryFixtures.Listen((instrument, value, tags) =>
            seen.GetOrAdd(instrument.Name, _ => []).Add((value, tags)));

        Exercise(temp, listener.RecordObservableInstruments);

        var missing = StoreMetrics.Definitions.Keys.Where(name => !seen.ContainsKey(name)).ToList();
        Assert.Empty(missing);

        // The 20 imported triples have predicate q: the select returned exactly 20 rows, tagged by form only.
        Assert.Contains(seen["triplestore.query.rows"], m => m.Value == 20 && m.Tags.Single().Value as string == "select");
        Assert.Contains(seen["triplestore.query.rows"], m => m.Value == 1 && m.Tags.Single().Value as string == "ask");
        Assert.Contains(seen["triplestore.quads.inserted"], m => m.Value == 2 && Tag(m.Tags, StoreMetrics.Operation) == "update");
        Assert.Contains(seen["triplestore.quads.deleted"], m => m.Value == 1 && Tag(m.Tags, StoreMetrics.Operation) == "update");
        Assert.Contains(seen["triplestore.import.statements"], m => m.Value == 20);
        Assert.Contains(seen["triplestore.cache.lookups"], m => Tag(m.Tags, StoreMetrics.CacheName) == "plan" && Tag(m.Tags, StoreMetrics.CacheResult) == "hit");
        Assert.Contains(seen["triplestore.cache.lookups"], m => Tag(m.Tags, StoreMetrics.CacheName) == "result" && Tag(m.Tags, StoreMetrics.CacheResult) == "hit");
        Assert.Contains(seen["triplestore.cache.evictions"], m => Tag(m.Tags, StoreMetrics.CacheName) == "result");
        Assert.Contains(seen["triplestore.errors"], m => Tag(m.Tags, StoreMetrics.ErrorType) == ErrorCodes.QuerySyntax);
        Assert.Contains(seen["triplestore.backup.failures"], m => Tag(m.Tags, StoreMetrics.ErrorType) == ErrorCodes.Backup);
        Assert.Contains(seen["triplestore.materialize.facts_derived"], m => m.Value >= 1 && Tag(m.Tags, StoreMetrics.Profile) == "rdfs");
        Assert.Contains(seen["triplestore.store.open"], m => m.Value >= 0);

        // No query text, literal, IRI or path ever becomes an attribute value. (The remote client's
        // instruments name their endpoint by design; remote-store tests running beside this one emit them.)
        foreach (var tag in seen.Where(i => !i.Key.StartsWith("triplestore.remote.", StringComparison.Ordinal)).SelectMany(i => i.Value).SelectMany(m => m.Tags))
        {
            var text = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            Assert.DoesNotContain("/", text);
            Assert.DoesNotContain("{", text);
            Assert.True(text.Length <= 32, $"{tag.Key}={text}");
        }
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) =>
        tags.FirstOrDefault(t => t.Key == key).Value?.ToString();

    [Fact]
    public void Spans_surround_query_update_import_materialize_and_backup()
    {
        using var temp = new TempFolder();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TripleStoreTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var parent = new Activity("test-parent").Start();

        Exercise(temp);

        var mine = spans.Where(s => s.ParentId == parent.Id || s.Parent == parent).ToList();
        foreach (var name in new[] { "triplestore.query", "triplestore.update", "triplestore.import", "triplestore.materialize", "triplestore.backup" })
            Assert.Contains(mine, s => s.OperationName == name);
        Assert.Contains(mine, s => s.OperationName == "triplestore.query" && (string?)s.GetTagItem(StoreMetrics.QueryForm) == "select"
            && Equals(s.GetTagItem("triplestore.query.rows"), 20L));
        Assert.Contains(mine, s => s.OperationName == "triplestore.query" && s.Status == ActivityStatusCode.Error
            && (string?)s.GetTagItem(StoreMetrics.ErrorType) == ErrorCodes.QuerySyntax);
        // A lazily read query result does not leave its span as the caller's current activity.
        Assert.Same(parent, Activity.Current);
    }

    [Fact]
    public void Prometheus_output_parses_back_with_the_values_recorded()
    {
        using var temp = new TempFolder();
        var before = PrometheusText.Parse(PrometheusExporter.GetText());
        Exercise(temp);
        var text = PrometheusExporter.GetText();
        var after = PrometheusText.Parse(text);

        double Delta(string series) => after.GetValueOrDefault(series) - before.GetValueOrDefault(series);

        Assert.True(Delta("triplestore_query_duration_seconds_count{triplestore_query_form=\"select\"}") >= 2);
        Assert.True(Delta("triplestore_query_rows_sum{triplestore_query_form=\"select\"}") >= 40);
        Assert.True(Delta("triplestore_quads_inserted_total{triplestore_operation=\"apply\"}") >= 30);
        Assert.True(Delta("triplestore_import_statements_total") >= 20);
        Assert.True(Delta("triplestore_errors_total{error_type=\"SparqlSyntaxError\"}") >= 1);
        Assert.True(Delta("triplestore_backup_size_bytes_count") >= 1);
        Assert.True(Delta("triplestore_cache_lookups_total{triplestore_cache_name=\"plan\",triplestore_cache_result=\"hit\"}") >= 1);
        Assert.Contains("triplestore_rocksdb_block_cache_usage_bytes", after.Keys);
        Assert.Contains("# TYPE triplestore_query_duration_seconds histogram", text);
        Assert.Contains("# TYPE triplestore_errors_total counter", text);
        Assert.Contains("# TYPE triplestore_rocksdb_compaction_pending_bytes gauge", text);
        // Buckets are cumulative and end at +Inf, which equals _count.
        var buckets = after.Where(kv => kv.Key.StartsWith("triplestore_query_duration_seconds_bucket{triplestore_query_form=\"select\"", StringComparison.Ordinal)).ToList();
        Assert.True(buckets.Count > 5);
        Assert.Equal(after["triplestore_query_duration_seconds_count{triplestore_query_form=\"select\"}"],
            buckets.Single(b => b.Key.Contains("le=\"+Inf\"")).Value);
        Assert.DoesNotContain(temp.Path, text);

        // The engine's own object view reads the same exposition.
        var samples = PrometheusExporter.Collect();
        Assert.Contains(samples, s => s.Name == "triplestore_errors_total" && s.Type == "counter" && s.Labels["error_type"] == "SparqlSyntaxError" && s.Value >= 1);
    }

    [Fact]
    public async Task WriteAsync_writes_the_exposition_to_a_stream_and_leaves_it_open()
    {
        using var buffer = new MemoryStream();
        await PrometheusExporter.WriteAsync(buffer);
        Assert.True(buffer.CanWrite);
        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains("# HELP triplestore_errors_total", text);
        Assert.StartsWith("text/plain; version=0.0.4", PrometheusExporter.ContentType);
    }
}

/// <summary>An independent reader of the Prometheus text format: "series{labels} value" → value.</summary>
internal static class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int split = line.LastIndexOf(' ');
            var series = line[..split];
            var value = line[(split + 1)..].Trim();
            result[series] = value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
        }
        return result;
    }
}

internal static class TelemetryFixtures
{
    public static MeterListener Listen(Action<Instrument, double, KeyValuePair<string, object?>[]> record)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TripleStoreTelemetry.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => record(i, v, tags.ToArray()));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => record(i, v, tags.ToArray()));
        listener.Start();
        return listener;
    }
}
