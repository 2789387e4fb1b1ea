using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocksDbSharp;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Update;
using TripleStore.Reasoning;
using TripleStore.Storage;
using TripleStore.Telemetry;

namespace TripleStore;

/// <summary>
/// An RDF quad store in a folder, backed by RocksDB. One writer at a time (writes and imports take an
/// in-process lock; another process is kept out by a lock file), any number of readers, each on its own
/// <see cref="StoreSnapshot"/>. Thread-safe.
/// </summary>
public sealed partial class RdfStore : ITripleStoreConnection
{
    private readonly StoreDatabase _database;
    private readonly StoreOptions _options;
    private readonly object _writeLock = new();
    private readonly HashSet<StoreSnapshot> _snapshots = [];
    private readonly WriteOptions _writeOptions;
    private readonly QueryPlanCache _queries = new();
    private readonly Sparql.Caching.ResultCache _results;
    private volatile bool _disposed;
    private readonly StoreMaterializer _reasoning;
    private readonly ILogger _logger;
    // Set while a transaction holds the writer lock. The lock is reentrant, so without this check a write
    // on the transaction's own thread would slip past it and commit on its own.
    private StoreTransaction? _transaction;

    private RdfStore(StoreDatabase database, StoreOptions options, ILogger logger)
    {
        _database = database;
        _options = options;
        _logger = logger;
        _writeOptions = new WriteOptions().SetSync(options.SyncWrites);
        _reasoning = new StoreMaterializer(database, _writeOptions);
        if (options.Federation is { IsEnabled: true } federation) _services = new Remote.RemoteServiceResolver(federation);
        var configuration = options.Configuration ?? TripleStore.Configuration.StoreConfiguration.Defaults;
        _results = new Sparql.Caching.ResultCache(configuration.ResultCacheEntries, configuration.ResultCacheBytes, configuration.ResultCacheMaxResultBytes);
        StartWarming(configuration);
        if (configuration.QueryEngineWarmup) QueryEngineWarmup.Start();
    }

    private readonly Remote.RemoteServiceResolver? _services;

    /// <summary>The query result cache's bounds and counters.</summary>
    public Sparql.Caching.ResultCacheStatistics ResultCacheStatistics => _results.Statistics;

    /// <summary>Empties the query result cache and resets its counters; returns how many results it held.</summary>
    public int ClearResultCache()
    {
        ThrowIfDisposed();
        return _results.Clear();
    }

    /// <summary>
    /// Runs a write (inside the write lock) between the result cache's <see cref="Sparql.Caching.ResultCache.BeginWrite"/>
    /// and <see cref="Sparql.Caching.ResultCache.EndWrite"/>: from just before the commit until the cache has dropped what
    /// it affects, a reader may see the new state while another fill still holds the old one, and neither is cached.
    /// </summary>
    private T Write<T>(Sparql.Caching.QueryFootprint footprint, Func<T> commit, Func<T, bool> changed)
    {
        _results.BeginWrite(footprint);
        bool done = false;
        T result = default!;
        try
        {
            result = commit();
            done = true;
            CommittedForTests?.Invoke();
        }
        finally
        {
            // A failed write may have committed part of itself (an import's files, say): count it as a change.
            _results.EndWrite(footprint, !done || changed(result));
        }
        return result;
    }

    /// <summary>Tests only: called after a write's commit, before the result cache hears that it ended.</summary>
    internal Action? CommittedForTests { get; set; }

    /// <summary>
    /// Opens (or creates) the store in <paramref name="path"/>. Throws <see cref="TripleStoreException"/>
    /// with <see cref="ErrorCodes.StoreLocked"/> when another process has it open for writing, and
    /// <see cref="ErrorCodes.StoreFormat"/> when it was written by an incompatible version.
    /// </summary>
    public static RdfStore Open(string path, StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new StoreOptions();
        var logger = TripleStoreLogging.CreateLogger(options.LoggerFactory, "TripleStore.RdfStore");
        StoreDatabase database;
        try
        {
            database = StoreDatabase.Open(path, options, logger);
        }
        catch (Exception e) when (Failed(e, null))
        {
            throw;
        }
        logger.LogInformation("Opened the store at {Path} ({Mode}).", database.Path, database.ReadOnly ? "read-only" : "read-write");
        return new RdfStore(database, options, logger);
    }

    /// <summary>Counts an error on its way to the caller; an exception filter, so the stack is untouched.</summary>
    private static bool Failed(Exception e, Activity? activity)
    {
        StoreMetrics.RecordError(e, activity);
        return false;
    }

    /// <summary>The configuration the store was opened with (built-in defaults when its options named none).</summary>
    public Configuration.StoreConfiguration Configuration => _options.Configuration ?? TripleStore.Configuration.StoreConfiguration.Defaults;

    /// <summary>The store's folder, as a full path.</summary>
    public string Path => _database.Path;

    public bool IsReadOnly => _database.ReadOnly;

    string ITripleStoreConnection.Location => Path;

    /// <summary>A consistent read view, unaffected by later writes, showing derived triples too. Dispose it when done.</summary>
    public StoreSnapshot OpenSnapshot() => OpenSnapshot(includeDerived: true);

    /// <summary>
    /// A consistent read view; with <paramref name="includeDerived"/> false it shows only asserted
    /// triples, leaving out those a materialization derived.
    /// </summary>
    public StoreSnapshot OpenSnapshot(bool includeDerived)
    {
        ThrowIfDisposed();
        lock (_snapshots)
        {
            ThrowIfDisposed();
            var snapshot = new StoreSnapshot(_database, ForgetSnapshot, includeDerived);
            _snapshots.Add(snapshot);
            return snapshot;
        }
    }

    private void ForgetSnapshot(StoreSnapshot snapshot)
    {
        lock (_snapshots) _snapshots.Remove(snapshot);
    }

    /// <summary>Adds a quad; false when the store already had it.</summary>
    public bool Add(Quad quad) => ApplyChanges([], [quad]).Added == 1;

    /// <summary>Adds quads in one atomic write; returns how many were new. For large inputs use <see cref="ImportQuads"/>.</summary>
    public long AddRange(IEnumerable<Quad> quads) => ApplyChanges([], quads).Added;

    /// <summary>Removes a quad; false when the store did not have it.</summary>
    public bool Remove(Quad quad) => ApplyChanges([quad], []).Removed == 1;

    public long RemoveRange(IEnumerable<Quad> quads) => ApplyChanges(quads, []).Removed;

    /// <summary>Removes then adds, as one atomic write (SPARQL Update's DELETE/INSERT).</summary>
    public ChangeSummary ApplyChanges(IEnumerable<Quad> removals, IEnumerable<Quad> additions, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(removals);
        ArgumentNullException.ThrowIfNull(additions);
        long started = Stopwatch.GetTimestamp();
        try
        {
            lock (_writeLock)
            {
                ThrowIfNotWritable();
                // The lists also tell the result cache which predicates and graphs changed. With a materialization,
                // the changed default-graph triples and the stale status go into the same batch as the data.
                var removed = removals.ToList();
                var added = additions.ToList();
                var summary = Write(Sparql.Caching.QueryFootprint.OfChanges(removed, added),
                    () => new QuadWriter(_database).Apply(removed, added, _writeOptions, cancellation, _reasoning.Observer), s => s.Added > 0 || s.Removed > 0);
                StoreMetrics.RecordWrite("apply", Stopwatch.GetElapsedTime(started).TotalSeconds, summary.Added, summary.Removed);
                return summary;
            }
        }
        catch (Exception e) when (Failed(e, null))
        {
            throw;
        }
    }

    /// <summary>Removes every quad of the selected graphs in one atomic write; returns how many.</summary>
    public long Clear(GraphSelector graph)
    {
        lock (_writeLock)
        {
            ThrowIfNotWritable();
            using var snapshot = new StoreSnapshot(_database, null);
            long started = Stopwatch.GetTimestamp();
            long removed = Write(Sparql.Caching.QueryFootprint.OfClear(graph),
                () => new QuadWriter(_database).Apply(snapshot.Match(null, null, null, graph), [], _writeOptions, default, _reasoning.Observer).Removed, n => n > 0);
            StoreMetrics.RecordWrite("clear", Stopwatch.GetElapsedTime(started).TotalSeconds, 0, removed);
            return removed;
        }
    }

    /// <summary>
    /// Runs a SPARQL 1.1 Update request atomically: every operation sees the earlier ones' effects, and
    /// the net change is written in one batch at the end, so a failure anywhere leaves the store
    /// unchanged. Readers keep their snapshots; other writers wait.
    /// </summary>
    public UpdateResult Update(string request, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = TripleStoreTelemetry.ActivitySource.StartActivity("triplestore.update");
        long started = Stopwatch.GetTimestamp();
        try
        {
            options = WithDefaults(options);
            var update = SparqlUpdate.Parse(request, options.BaseIri);
            lock (_writeLock)
            {
                ThrowIfNotWritable();
                using var snapshot = new StoreSnapshot(_database, null);
                var overlay = new OverlayDataset(snapshot);
                var result = UpdateExecutor.Execute(update, overlay, options);
                var written = overlay.HasChanges
                    ? Write(Sparql.Caching.QueryFootprint.OfChanges(overlay.Removals, overlay.Additions),
                        () => new QuadWriter(_database).Apply(overlay.Removals, overlay.Additions, _writeOptions, options.CancellationToken, _reasoning.Observer),
                        w => w.Added > 0 || w.Removed > 0)
                    : default;
                StoreMetrics.RecordWrite("update", Stopwatch.GetElapsedTime(started).TotalSeconds, written.Added, written.Removed);
                activity?.SetTag("triplestore.quads.inserted", written.Added);
                activity?.SetTag("triplestore.quads.deleted", written.Removed);
                return result with { QuadsInserted = written.Added, QuadsDeleted = written.Removed };
            }
        }
        catch (Exception e) when (Failed(e, activity))
        {
            throw;
        }
    }

    /// <summary>
    /// Evaluates an update request over a snapshot and reports what it would insert and delete, without
    /// writing anything or taking the writer lock (a later write may make the real run differ).
    /// </summary>
    public UpdatePreview PreviewUpdate(string request, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var update = SparqlUpdate.Parse(request, options?.BaseIri);
        using var snapshot = OpenSnapshot(includeDerived: false);
        return UpdatePreview.Run(update, snapshot, WithServices(options));
    }

    /// <summary>
    /// Starts a transaction: it holds the writer lock until <see cref="StoreTransaction.Commit"/> or
    /// <see cref="StoreTransaction.Rollback"/> (or Dispose), so finish it on the thread that began it.
    /// </summary>
    public StoreTransaction BeginTransaction()
    {
        Monitor.Enter(_writeLock);
        try
        {
            ThrowIfNotWritable();
            return _transaction = new StoreTransaction(this, new StoreSnapshot(_database, null));
        }
        catch
        {
            Monitor.Exit(_writeLock);
            throw;
        }
    }

    /// <summary>Called by a transaction, which holds the writer lock.</summary>
    internal ChangeSummary CommitOverlay(OverlayDataset overlay, CancellationToken cancellation)
    {
        ThrowIfReadOnly();
        if (!overlay.HasChanges) return default;
        long started = Stopwatch.GetTimestamp();
        var summary = Write(Sparql.Caching.QueryFootprint.OfChanges(overlay.Removals, overlay.Additions),
            () => new QuadWriter(_database).Apply(overlay.Removals, overlay.Additions, _writeOptions, cancellation, _reasoning.Observer),
            s => s.Added > 0 || s.Removed > 0);
        StoreMetrics.RecordWrite("transaction", Stopwatch.GetElapsedTime(started).TotalSeconds, summary.Added, summary.Removed);
        return summary;
    }

    internal void EndTransaction()
    {
        _transaction = null;
        Monitor.Exit(_writeLock);
    }

    public bool Contains(Quad quad)
    {
        using var snapshot = OpenSnapshot();
        return snapshot.Match(quad.Subject, quad.Predicate, quad.Object, quad.Graph is null ? GraphSelector.Default : GraphSelector.Named(quad.Graph)).Any();
    }

    /// <summary>The number of asserted quads in the selected graphs, from the counters (no scan; derived triples are not counted).</summary>
    public long Count(GraphSelector? graph = null)
    {
        using var snapshot = OpenSnapshot(includeDerived: false);
        return snapshot.EstimateCount(null, null, null, graph ?? GraphSelector.All);
    }

    /// <summary>
    /// Imports RDF files as one atomic step: either every file's statements become visible together, or
    /// (on a syntax error, cancellation, or a crash) none do. The format comes from each extension unless
    /// <see cref="ImportOptions.Format"/> is set.
    /// </summary>
    public ImportSummary Import(IEnumerable<string> paths, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ImportOptions();
        var readerOptions = ReaderOptions(options);
        List<ImportSource> sources;
        try
        {
            sources = paths.Select(path =>
            {
                var full = System.IO.Path.GetFullPath(path);
                if (!File.Exists(full))
                    throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"File not found: {full}");
                return ImportSource.FromFile(full, options.Format, readerOptions);
            }).ToList();
            long limit = _options.Configuration?.MaxImportBytes ?? 0;
            long total = sources.Sum(source => source.Name is { } name && File.Exists(name) ? new FileInfo(name).Length : 0);
            if (limit > 0 && total > limit)
                throw new TripleStoreException(ErrorCodes.LimitExceeded, ErrorKind.LimitExceeded,
                    $"The import is {total:N0} bytes, more than the MaxImportBytes limit of {limit:N0}; split it, or raise MaxImportBytes (Open-TripleStore -Option @{{ MaxImportBytes = '...' }}).");
        }
        catch (Exception e) when (Failed(e, null))
        {
            throw;
        }
        return RunImport(sources, options, progress, cancellation);
    }

    /// <summary>Imports from readers the caller opened (each is disposed after it is read), atomically.</summary>
    public ImportSummary Import(IEnumerable<RdfReader> readers, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(readers);
        var sources = readers.Select(reader => ImportSource.FromReader(reader.Options.SourceName, () => reader)).ToList();
        return RunImport(sources, options ?? new ImportOptions(), progress, cancellation);
    }

    /// <summary>Imports quads built in code through the bulk path (atomic, memory-bounded).</summary>
    public ImportSummary ImportQuads(IEnumerable<Quad> quads, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(quads);
        return RunImport([ImportSource.FromQuads(null, quads)], options ?? new ImportOptions(), progress, cancellation);
    }

    internal static RdfReaderOptions ReaderOptions(ImportOptions options) => new()
    {
        BaseIri = options.BaseIri,
        Lenient = options.Lenient,
        OnError = options.OnError,
        DefaultGraph = options.Graph,
    };

    private ImportSummary RunImport(IReadOnlyList<ImportSource> sources, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellation)
    {
        using var activity = TripleStoreTelemetry.ActivitySource.StartActivity("triplestore.import");
        try
        {
            return RunImportLocked(sources, options, progress, cancellation, activity);
        }
        catch (Exception e) when (Failed(e, activity))
        {
            throw;
        }
    }

    private ImportSummary RunImportLocked(IReadOnlyList<ImportSource> sources, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellation, Activity? activity)
    {
        lock (_writeLock)
        {
            ThrowIfNotWritable();
            try
            {
                _logger.LogInformation("Importing {Files} source(s) into {Path}.", sources.Count, Path);
                // The import's new default-graph triples enter the materialization's change log (or, when
                // too many, it is marked for a full run) before anything is ingested, so no crash can hide the change.
                // An import is not analysed: every cached result goes, even if it failed part-way.
                var summary = Write(Sparql.Caching.QueryFootprint.Everything,
                    () => new BulkImporter(_database, options, progress, cancellation) { BeforeIngest = _reasoning.TracksImports ? _reasoning.BeforeImportIngest : null }.Run(sources),
                    _ => true);
                StoreMetrics.ImportDuration.Record(summary.Elapsed.TotalSeconds);
                StoreMetrics.ImportStatements.Add(summary.TriplesRead);
                if (summary.Rate > 0) StoreMetrics.ImportThroughput.Record(summary.Rate);
                if (summary.TriplesAdded > 0) StoreMetrics.QuadsInserted.Add(summary.TriplesAdded, new KeyValuePair<string, object?>(StoreMetrics.Operation, "import"));
                activity?.SetTag("triplestore.import.statements", summary.TriplesRead);
                activity?.SetTag("triplestore.import.files", summary.Files);
                _logger.LogInformation("Imported {Read} statements ({Added} new, {Duplicates} duplicates) in {Seconds:F2} s: {Rate:F0} statements/s.",
                    summary.TriplesRead, summary.TriplesAdded, summary.Duplicates, summary.Elapsed.TotalSeconds, summary.Rate);
                _database.LogState("after the import");
                return summary;
            }
            catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
            {
                throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled, "The import was canceled; the store is unchanged.", e);
            }
            catch (RocksDbException e)
            {
                throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO, $"The import into {Path} failed in the storage engine; the store is unchanged: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// Computes the entailments of the default graph under <see cref="MaterializeOptions.Profile"/> and
    /// stores them apart from the asserted triples (snapshots show both unless asked not to). After
    /// changes through <see cref="ApplyChanges"/> only those changes are processed, unless
    /// <see cref="MaterializeOptions.Full"/>. Inconsistencies are reported in the result, never thrown.
    /// </summary>
    public MaterializeResult Materialize(MaterializeOptions? options = null, IProgress<MaterializeProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new MaterializeOptions();
        using var activity = TripleStoreTelemetry.ActivitySource.StartActivity("triplestore.materialize");
        try
        {
            lock (_writeLock)
            {
                ThrowIfNotWritable();
                // Materialization is a write the cache does not analyse.
                var result = Write(Sparql.Caching.QueryFootprint.Everything, () => _reasoning.Run(options, progress, cancellation), _ => true);
                var profile = new KeyValuePair<string, object?>(StoreMetrics.Profile, result.Profile.ToString().ToLowerInvariant());
                StoreMetrics.MaterializeDuration.Record(result.Duration.TotalSeconds, profile,
                    new KeyValuePair<string, object?>(StoreMetrics.Incremental, result.Incremental));
                StoreMetrics.MaterializeIterations.Record(result.Iterations, profile);
                if (result.Derived > 0) StoreMetrics.FactsDerived.Add(result.Derived, profile);
                activity?.SetTag(StoreMetrics.Profile, profile.Value);
                activity?.SetTag("triplestore.materialize.iterations", result.Iterations);
                activity?.SetTag("triplestore.materialize.facts_derived", result.Derived);
                _logger.LogInformation("Materialized {Profile} ({Mode}) in {Iterations} iterations and {Seconds:F2} s: {Derived} derived, {Removed} removed, {Total} held.",
                    result.Profile, result.Incremental ? "incremental" : "full", result.Iterations, result.Duration.TotalSeconds, result.Derived, result.Removed, result.TotalDerived);
                return result;
            }
        }
        catch (Exception e) when (Failed(e, activity))
        {
            throw;
        }
    }

    /// <summary>Removes every derived triple and the materialization status; asserted triples are untouched.</summary>
    public void DropMaterialization()
    {
        lock (_writeLock)
        {
            ThrowIfNotWritable();
            Write(Sparql.Caching.QueryFootprint.Everything, () =>
            {
                _reasoning.Drop();
                return true;
            }, _ => true);
        }
    }

    /// <summary>The materialization's profile, whether it is up to date, its size and last run.</summary>
    public ReasoningStatus ReasoningStatus
    {
        get
        {
            ThrowIfDisposed();
            return _reasoning.Status;
        }
    }

    /// <summary>Writes the selected graphs (all by default) to <paramref name="writer"/>, streaming from one snapshot. Returns the quads written.</summary>
    public long Export(RdfWriter writer, GraphSelector? graph = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // Asserted triples only: derived ones are re-created by materializing, not carried in exports.
        using var snapshot = OpenSnapshot(includeDerived: false);
        long count = 0;
        foreach (var quad in snapshot.Match(null, null, null, graph ?? GraphSelector.All))
        {
            if ((count & 0xFF) == 0) cancellation.ThrowIfCancellationRequested();
            writer.Write(quad);
            count++;
        }
        writer.Finish();
        return count;
    }

    /// <summary>
    /// Evaluates a SPARQL query over a snapshot taken now. SELECT, CONSTRUCT and DESCRIBE results are lazy:
    /// read them once, to the end or until you stop; the snapshot is released then. Parsed queries are
    /// cached per store, and <see cref="StoreOptions.DefaultQueryTimeout"/> applies unless the options set one.
    /// </summary>
    public SparqlResult Query(string query, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options = WithDefaults(options);
        var telemetry = QueryTelemetry.Start();
        try
        {
            var parsed = StoreQuery.Parse(_queries, query, options.BaseIri);
            telemetry.SetForm(parsed.Form);
            bool derived = options.IncludeDerived;
            Func<StoreSnapshot> open = () => OpenSnapshot(derived);
            var result = _results.Enabled && options.UseResultCache && !options.CollectStatistics
                ? StoreQuery.RunCached(_results, parsed, open, options, telemetry, MaxResultRows, _usage)
                : StoreQuery.Run(parsed, open, options, telemetry, MaxResultRows);
            if (_logger.IsEnabled(LogLevel.Debug) && result.Plan is { } plan)
                _logger.LogDebug("Plan chosen for a {Form} query:{NewLine}{Plan}", parsed.Form, Environment.NewLine, plan);
            return result;
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }
    }

    /// <summary>Evaluates the query to the end and returns its plan with estimated and actual rows per operator.</summary>
    public QueryPlan Explain(string query, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options = WithDefaults(options);
        bool derived = options.IncludeDerived;
        return StoreQuery.Explain(StoreQuery.Parse(_queries, query, options.BaseIri), () => OpenSnapshot(derived), options);
    }

    private QueryOptions WithDefaults(QueryOptions? options)
    {
        options ??= QueryOptions.Default;
        if (options.ServiceResolver is null && _services is not null) options = options with { ServiceResolver = _services };
        if (options.Timeout is null && _options.DefaultQueryTimeout is { } timeout) options = options with { Timeout = timeout };
        if (_options.Configuration is { } configuration && options.MaxRowsInMemory == QueryOptions.Default.MaxRowsInMemory)
            options = options with { MaxRowsInMemory = configuration.MaxRowsInMemory };
        var settings = _options.Configuration ?? TripleStore.Configuration.StoreConfiguration.Defaults;
        if (options.SpillDirectory is null && settings.SpillToDisk)
            options = options with
            {
                SpillDirectory = settings.SpillPath is { Length: > 0 } spillPath ? System.IO.Path.GetFullPath(spillPath) : _database.QueryTempPath,
                MaxSpillBytes = options.MaxSpillBytes == 0 ? settings.MaxSpillBytes : options.MaxSpillBytes,
            };
        return options;
    }

    /// <summary>The configured LOAD permissions and update timeout, where the request's options set none.</summary>
    private UpdateOptions WithDefaults(UpdateOptions? options)
    {
        options = WithServices(options);
        if (options.Timeout is null && _options.DefaultQueryTimeout is { } timeout) options = options with { Timeout = timeout };
        if (_options.Configuration is { AllowLoad: true } configuration && options.AllowedLoadHosts.Count == 0 && options.AllowedLoadDirectories.Count == 0)
            options = options with { AllowedLoadHosts = configuration.LoadAllowedHosts, AllowedLoadDirectories = configuration.LoadAllowedDirectories };
        return options;
    }

    /// <summary>SERVICE in an update's WHERE clause goes through the store's federation allowlist.</summary>
    internal UpdateOptions WithServices(UpdateOptions? options)
    {
        options ??= UpdateOptions.Default;
        return options.ServiceResolver is null && _services is not null ? options with { ServiceResolver = _services } : options;
    }

    private long MaxResultRows => _options.Configuration?.MaxResultRows ?? 0;

    /// <summary>Counts and sizes; distinct counts cost a skip scan of the indexes.</summary>
    public StoreStatistics GetStatistics()
    {
        using var snapshot = OpenSnapshot();
        var cache = _results.Statistics;
        return StatisticsCollector.Collect(_database, snapshot) with
        {
            ResultCacheEntries = cache.Entries, ResultCacheBytes = cache.Bytes, ResultCacheHits = cache.Hits,
            ResultCacheMisses = cache.Misses, ResultCacheEvictions = cache.Evictions, ResultCacheInvalidations = cache.Invalidations,
            ResultCacheWarmed = _warmer?.Warmed ?? 0,
        };
    }

    /// <summary>The open database, for the operations layer (backup, health, integrity checks).</summary>
    internal StoreDatabase Database
    {
        get
        {
            ThrowIfDisposed();
            return _database;
        }
    }

    internal bool IsClosed => _disposed;

    /// <summary>
    /// Runs <paramref name="action"/> while no write or import can run (one already running finishes
    /// first); reads go on. Backups use it to pin a snapshot and a checkpoint to the same moment.
    /// </summary>
    internal T RunExclusive<T>(Func<T> action)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            return action();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new TripleStoreException(ErrorCodes.StoreClosed, ErrorKind.InvalidOperation, $"The store at {Path} has been closed.");
    }

    /// <summary>Called with the writer lock held: so an open transaction is this thread's own.</summary>
    private void ThrowIfNotWritable()
    {
        ThrowIfReadOnly();
        if (_transaction is not null)
            throw new TripleStoreException(ErrorCodes.TransactionActive, ErrorKind.InvalidOperation,
                $"A transaction on the store at {Path} is open on this thread; make the change through the transaction, or commit or roll it back first.");
    }

    private void ThrowIfReadOnly()
    {
        ThrowIfDisposed();
        if (_database.ReadOnly)
            throw new TripleStoreException(ErrorCodes.StoreReadOnly, ErrorKind.InvalidOperation, $"The store at {Path} was opened read-only; open it without ReadOnly to change it.");
    }

    /// <summary>Closes the store: waits for a running write, releases open snapshots, flushes and unlocks.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        StopWarming();
        lock (_writeLock)
        {
            if (_disposed) return;
            SaveWarmFile();
            StoreSnapshot[] open;
            lock (_snapshots)
            {
                _disposed = true;
                open = [.. _snapshots];
            }
            foreach (var snapshot in open) snapshot.Dispose();
            _database.Dispose();
            _services?.Dispose();
        }
    }
}
