using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TripleStore.Telemetry;

/// <summary>
/// The instruments of <see cref="TripleStoreTelemetry.Meter"/> and the helpers the engine records
/// through. Attribute values are always from small closed sets (query form, operation, error code,
/// profile): never query text, literals or paths, which would explode a time-series database.
/// </summary>
internal static class StoreMetrics
{
    public const string QueryForm = "triplestore.query.form";
    public const string Operation = "triplestore.operation";
    public const string CacheName = "triplestore.cache.name";
    public const string CacheResult = "triplestore.cache.result";
    public const string Profile = "triplestore.reasoning.profile";
    public const string Incremental = "triplestore.reasoning.incremental";
    public const string ErrorType = "error.type";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
    private static readonly double[] CountBuckets = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];
    private static readonly double[] ByteBuckets = [1 << 16, 1 << 20, 1 << 24, 1 << 26, 1 << 28, 1 << 30, 1L << 32, 1L << 34, 1L << 36];
    private static readonly double[] RateBuckets = [1_000, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000];

    private static readonly Dictionary<string, InstrumentDefinition> DefinitionsByName = new(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, InstrumentDefinition> Definitions => DefinitionsByName;

    public static readonly Histogram<double> QueryDuration = Histogram<double>(new("triplestore.query.duration", "s",
        "Time from the start of a query until its result was read to the end (or abandoned).", [QueryForm], SecondsBuckets));
    public static readonly Histogram<long> QueryRows = Histogram<long>(new("triplestore.query.rows", "{row}",
        "Rows (solutions, triples or the one boolean) a query returned.", [QueryForm], CountBuckets));
    public static readonly Histogram<double> WriteDuration = Histogram<double>(new("triplestore.update.duration", "s",
        "Duration of a write: a SPARQL Update, an add/remove batch, a clear or a transaction commit.", [Operation], SecondsBuckets));
    public static readonly Counter<long> QuadsInserted = Counter<long>(new("triplestore.quads.inserted", "{quad}",
        "Quads that writes and imports added (duplicates not counted).", [Operation]));
    public static readonly Counter<long> QuadsDeleted = Counter<long>(new("triplestore.quads.deleted", "{quad}",
        "Quads that writes removed.", [Operation]));
    public static readonly Histogram<double> ImportDuration = Histogram<double>(new("triplestore.import.duration", "s",
        "Duration of a bulk import, from the first statement read to the ingestion.", [], SecondsBuckets));
    public static readonly Counter<long> ImportStatements = Counter<long>(new("triplestore.import.statements", "{statement}",
        "Statements read by bulk imports; rate() of it is the import throughput.", []));
    public static readonly Histogram<double> ImportThroughput = Histogram<double>(new("triplestore.import.throughput", "{statement}/s",
        "Statements read per second by each import.", [], RateBuckets));
    public static readonly Histogram<double> MaterializeDuration = Histogram<double>(new("triplestore.materialize.duration", "s",
        "Duration of a materialization.", [Profile, Incremental], SecondsBuckets));
    public static readonly Histogram<long> MaterializeIterations = Histogram<long>(new("triplestore.materialize.iterations", "{iteration}",
        "Fixpoint iterations one materialization needed.", [Profile], CountBuckets));
    public static readonly Counter<long> FactsDerived = Counter<long>(new("triplestore.materialize.facts_derived", "{fact}",
        "Derived triples that materializations wrote.", [Profile]));
    public static readonly Counter<long> CacheLookups = Counter<long>(new("triplestore.cache.lookups", "{lookup}",
        "Lookups in the engine's caches (plan, result), by hit or miss.", [CacheName, CacheResult]));
    public static readonly Counter<long> CacheEvictions = Counter<long>(new("triplestore.cache.evictions", "{entry}",
        "Entries a cache dropped to stay within its entry or byte bound.", [CacheName]));
    public static readonly Counter<long> CacheInvalidations = Counter<long>(new("triplestore.cache.invalidations", "{entry}",
        "Result cache entries dropped because a write changed what they read.", [CacheName]));
    public static readonly Counter<long> CacheErrors = Counter<long>(new("triplestore.cache.errors", "{error}",
        "Cache operations that failed or were skipped because the cache was unavailable (the shared Redis tier).", [CacheName]));
    public static readonly Histogram<double> BackupDuration = Histogram<double>(new("triplestore.backup.duration", "s",
        "Duration of a successful backup, including its verification.", [], SecondsBuckets));
    public static readonly Histogram<long> BackupSize = Histogram<long>(new("triplestore.backup.size", "By",
        "Size on disk of each backup written.", [], ByteBuckets));
    public static readonly Counter<long> BackupFailures = Counter<long>(new("triplestore.backup.failures", "{failure}",
        "Backups that failed.", [ErrorType]));
    public static readonly Counter<long> Errors = Counter<long>(new("triplestore.errors", "{error}",
        "Errors the engine raised to its caller, by stable error code (docs/errors.md).", [ErrorType]));

    static StoreMetrics()
    {
        Observable("triplestore.store.open", "{store}", "Stores open in this process.", () => OpenStores.Count);
        Observable("triplestore.rocksdb.compaction.pending", "By", "Bytes RocksDB estimates compaction must rewrite (rocksdb.estimate-pending-compaction-bytes).",
            () => OpenStores.Sum("rocksdb.estimate-pending-compaction-bytes"));
        Observable("triplestore.rocksdb.memtable.size", "By", "Bytes in all memtables (rocksdb.cur-size-all-mem-tables).",
            () => OpenStores.Sum("rocksdb.cur-size-all-mem-tables"));
        Observable("triplestore.rocksdb.block_cache.usage", "By", "Bytes held in the block caches (rocksdb.block-cache-usage).",
            () => OpenStores.Sum("rocksdb.block-cache-usage"));
        Observable("triplestore.rocksdb.compactions.running", "{compaction}", "Compactions running now.",
            () => OpenStores.Sum("rocksdb.num-running-compactions"));
        Observable("triplestore.rocksdb.write.stopped", "{store}", "Stores whose writes RocksDB has stopped (a write stall).",
            () => OpenStores.Sum("rocksdb.is-write-stopped"));
        Observable("triplestore.rocksdb.write.delayed_rate", "By/s", "Write rate RocksDB throttles to while it slows writes down (0 = no slowdown).",
            () => OpenStores.Sum("rocksdb.actual-delayed-write-rate"));
        Observable("triplestore.cache.result.size", "By", "Estimated bytes held by the query result caches of all open stores.",
            () => Sparql.Caching.ResultCache.TotalBytes);
        MeterBridge.Start();
    }

    /// <summary>Creates the instruments (and starts the Prometheus bridge) if nothing has yet.</summary>
    public static void EnsureCreated() => _ = Errors;

    private static Histogram<T> Histogram<T>(InstrumentDefinition definition) where T : struct
    {
        DefinitionsByName[definition.Name] = definition;
        return TripleStoreTelemetry.Meter.CreateHistogram<T>(definition.Name, definition.Unit, definition.Description);
    }

    private static Counter<T> Counter<T>(InstrumentDefinition definition) where T : struct
    {
        DefinitionsByName[definition.Name] = definition;
        return TripleStoreTelemetry.Meter.CreateCounter<T>(definition.Name, definition.Unit, definition.Description);
    }

    private static void Observable(string name, string unit, string description, Func<long> observe)
    {
        DefinitionsByName[name] = new InstrumentDefinition(name, unit, description, []);
        TripleStoreTelemetry.Meter.CreateObservableGauge(name, observe, unit, description);
    }

    public static string FormName(Sparql.QueryForm form) => form switch
    {
        Sparql.QueryForm.Select => "select",
        Sparql.QueryForm.Construct => "construct",
        Sparql.QueryForm.Ask => "ask",
        Sparql.QueryForm.Describe => "describe",
        _ => "other",
    };

    /// <summary>Counts an error by its stable code and marks the current span as failed.</summary>
    public static void RecordError(Exception exception, Activity? activity = null)
    {
        var code = exception switch
        {
            TripleStoreException e => e.ErrorCode,
            OperationCanceledException => ErrorCodes.Canceled,
            _ => "Unexpected",
        };
        Errors.Add(1, new KeyValuePair<string, object?>(ErrorType, code));
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, code);
        activity.SetTag(ErrorType, code);
    }

    public static void RecordCacheLookup(string cache, bool hit) =>
        CacheLookups.Add(1, new KeyValuePair<string, object?>(CacheName, cache), new KeyValuePair<string, object?>(CacheResult, hit ? "hit" : "miss"));

    public static void RecordCacheEviction(string cache) =>
        CacheEvictions.Add(1, new KeyValuePair<string, object?>(CacheName, cache));

    public static void RecordCacheInvalidations(string cache, long entries) =>
        CacheInvalidations.Add(entries, new KeyValuePair<string, object?>(CacheName, cache));

    public static void RecordCacheError(string cache) =>
        CacheErrors.Add(1, new KeyValuePair<string, object?>(CacheName, cache));

    public static void RecordWrite(string operation, double seconds, long inserted, long deleted)
    {
        var tag = new KeyValuePair<string, object?>(Operation, operation);
        WriteDuration.Record(seconds, tag);
        if (inserted > 0) QuadsInserted.Add(inserted, tag);
        if (deleted > 0) QuadsDeleted.Add(deleted, tag);
    }
}
