using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// The open RocksDB database behind a store: its column families, options, format check and process lock.
/// Column families: <c>meta</c> (format version) and <c>data</c> (dictionary, counters and all quad
/// indexes, told apart by a <see cref="KeySection"/> byte — one family so a bulk import is one atomic
/// ingestion; see docs/architecture.md).
/// </summary>
internal sealed class StoreDatabase : IDisposable
{
    public const int FormatVersion = 1;
    public const string MetaFamily = "meta";
    public const string DataFamily = "data";
    public const string ImportTempFolder = "import-tmp";
    private static readonly byte[] FormatVersionKey = Encoding.UTF8.GetBytes("format-version");

    private readonly StoreLock? _lock;
    // Held so the native option objects live as long as the database that uses them.
    private readonly DbOptions _dbOptions;
    private readonly ColumnFamilyOptions _dataOptions;
    private readonly ColumnFamilyOptions _scanOnlyOptions;
    private readonly ILogger _logger;
    private bool _disposed;

    private StoreDatabase(string path, bool readOnly, RocksDb db, StoreLock? storeLock, DbOptions dbOptions, ColumnFamilyOptions dataOptions, ColumnFamilyOptions scanOnlyOptions, ILogger logger)
    {
        _logger = logger;
        _scanOnlyOptions = scanOnlyOptions;
        Path = path;
        ReadOnly = readOnly;
        Db = db;
        _lock = storeLock;
        _dbOptions = dbOptions;
        _dataOptions = dataOptions;
        Data = db.GetColumnFamily(DataFamily);
        Meta = db.GetColumnFamily(MetaFamily);
    }

    public string Path { get; }

    /// <summary>
    /// Decoded dictionary terms shared by every snapshot: an id is the hash of its term's content, so what
    /// an id stands for never changes, and a query need not re-read the terms the previous one decoded.
    /// </summary>
    internal TermCache Terms { get; } = new(262_144);

    /// <summary>Batched dictionary reads made so far (<see cref="StoreSnapshot.DecodeMany"/>), for diagnostics and tests.</summary>
    internal long DictionaryBatches;

    /// <summary>Bytes of whole-scan structures kept per state of the data (<see cref="ScanCache"/>); 64 MiB.</summary>
    internal const long DefaultScanCacheBytes = 64L << 20;

    /// <summary>The bound of the next state's <see cref="ScanCache"/> (tests lower it).</summary>
    internal long ScanCacheBytes { get; set; } = DefaultScanCacheBytes;

    // The estimates of the newest state of the data seen by a snapshot: [0] without, [1] with derived triples.
    private readonly EstimateMemo?[] _estimates = new EstimateMemo?[2];

    /// <summary>
    /// The shared join-order estimates for snapshots at <paramref name="sequence"/>; a snapshot of a newer
    /// state starts a new memo, and one of an older state than the memo's gets none (it computes its own).
    /// </summary>
    internal EstimateMemo? EstimatesFor(ulong sequence, bool derived)
    {
        int slot = derived ? 1 : 0;
        while (true)
        {
            var memo = Volatile.Read(ref _estimates[slot]);
            if (memo is not null && memo.Sequence == sequence) return memo;
            if (memo is not null && memo.Sequence > sequence) return null;
            var fresh = new EstimateMemo(sequence, ScanCacheBytes);
            if (Interlocked.CompareExchange(ref _estimates[slot], fresh, memo) == memo) return fresh;
        }
    }
    public bool ReadOnly { get; }

    /// <summary>Most bytes of newly ingested files read back into the page cache (<see cref="PageCacheWarmer"/>); 0 = none.</summary>
    internal long WarmIngestedFilesBytes { get; init; }

    private readonly CancellationTokenSource _warmingStop = new();

    /// <summary>How long closing the store lets a warming in progress go on before it stops it.</summary>
    internal static readonly TimeSpan CloseWaitForWarming = TimeSpan.FromSeconds(1);
    private Task _warming = Task.CompletedTask;

    /// <summary>Opens files about to be ingested for warming after the ingestion (null when none will be).</summary>
    internal PageCacheWarmer? OpenForWarming(IEnumerable<string> files) => PageCacheWarmer.Open(files, WarmIngestedFilesBytes);

    /// <summary>Starts warming ingested files in the background; closing the store stops it.</summary>
    internal void StartWarming(PageCacheWarmer? warmer)
    {
        if (warmer is null) return;
        lock (_warmingStop)
        {
            if (_warmingStop.IsCancellationRequested)
            {
                warmer.Close();
                return;
            }
            var started = warmer.StartInBackground(_warmingStop.Token);
            _warming = _warming.IsCompleted ? started : Task.WhenAll(_warming, started);
            _logger.LogDebug("Reading {Bytes} bytes of ingested files back into the page cache in the background.", warmer.Bytes);
            started.ContinueWith(_ => _logger.LogDebug("Readahead of {Bytes} bytes of ingested files requested in {Milliseconds} ms.",
                warmer.Bytes, (long)warmer.Elapsed.TotalMilliseconds), TaskScheduler.Default);
        }
    }

    /// <summary>Completes when every warming started so far has (tests wait for it).</summary>
    internal Task Warming
    {
        get { lock (_warmingStop) return _warming; }
    }

    public RocksDb Db { get; }
    public ColumnFamilyHandle Data { get; }
    public ColumnFamilyHandle Meta { get; }

    /// <summary>The options SST files for the data family must be written with.</summary>
    public ColumnFamilyOptions DataOptions => _dataOptions;

    /// <summary>
    /// Options for SST files of sections that are only ever range-scanned (the secondary indexes): the
    /// same compression, but no Bloom filter, which would cost a hash per key and never be consulted.
    /// </summary>
    public ColumnFamilyOptions ScanOnlyOptions => _scanOnlyOptions;

    /// <summary>Options for SST files written for ingestion: <see cref="DataOptions"/> with the hot-level compression.</summary>
    public ColumnFamilyOptions IngestOptions { get; private init; } = new();

    /// <summary><see cref="ScanOnlyOptions"/> with the hot-level compression, for SST files written for ingestion.</summary>
    public ColumnFamilyOptions IngestScanOnlyOptions { get; private init; } = new();

    /// <summary>The current generation of the derived family (see <see cref="DerivedFactStore"/>).</summary>
    internal string DerivedFamilyName { get => Volatile.Read(ref _derivedFamilyName); set => Volatile.Write(ref _derivedFamilyName, value); }
    private string _derivedFamilyName = DerivedFactStore.Family;

    // Generations of the derived family that snapshots still read, with their number of readers; a dropped
    // generation's handle is destroyed (and its files released) when its last reader ends. The lock also
    // guards RocksDbSharp's table of column families, which is a plain dictionary: a generation is dropped
    // on a background thread (RetireDerivedLater) while queries look the current one up.
    private readonly Dictionary<ColumnFamilyHandle, int> _derivedReaders = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ColumnFamilyHandle> _retiredDerived = new(ReferenceEqualityComparer.Instance);
    private Task _retiring = Task.CompletedTask;

    /// <summary>The handle of column family <paramref name="name"/>, or null (safe against a concurrent drop).</summary>
    internal ColumnFamilyHandle? TryGetFamily(string name)
    {
        lock (_derivedReaders) return Db.TryGetColumnFamily(name, out var handle) ? handle : null;
    }

    /// <summary>Creates column family <paramref name="name"/> (safe against a concurrent drop).</summary>
    internal ColumnFamilyHandle CreateFamily(ColumnFamilyOptions options, string name)
    {
        lock (_derivedReaders) return Db.CreateColumnFamily(options, name);
    }

    /// <summary>The current derived generation for a snapshot to read until it calls <see cref="ReleaseDerived"/>; null if there is none.</summary>
    internal ColumnFamilyHandle? AcquireDerived()
    {
        lock (_derivedReaders)
        {
            var handle = DerivedFactStore.TryGet(this);
            if (handle is not null) _derivedReaders[handle] = _derivedReaders.GetValueOrDefault(handle) + 1;
            return handle;
        }
    }

    internal void ReleaseDerived(ColumnFamilyHandle handle)
    {
        lock (_derivedReaders)
        {
            if (!_derivedReaders.TryGetValue(handle, out int readers)) return;
            if (readers > 1)
            {
                _derivedReaders[handle] = readers - 1;
                return;
            }
            _derivedReaders.Remove(handle);
            if (_retiredDerived.Remove(handle) && !_disposed) DestroyHandle(handle);
        }
    }

    /// <summary>Drops a derived generation; its handle goes when no snapshot reads it any more.</summary>
    internal void RetireDerived(string name)
    {
        ColumnFamilyHandle? destroy = null;
        lock (_derivedReaders)
        {
            if (_disposed || !Db.TryGetColumnFamily(name, out var handle)) return;
            Db.DropColumnFamily(name); // RocksDB keeps the data readable through the handle until it is destroyed
            if (_derivedReaders.ContainsKey(handle)) _retiredDerived.Add(handle);
            else destroy = handle;
        }
        // Destroying the last handle deletes the generation's files: no reader needs the lock for that.
        if (destroy is not null) DestroyHandle(destroy);
    }

    /// <summary>
    /// Drops a derived generation no reader will look up any more (the commit that made another one current
    /// is durable) on a background thread, off the committing run's path. A crash before the drop leaves a
    /// family no marker names, which the next open drops (<see cref="DerivedFactStore.Open"/>); closing the
    /// store waits for the drop.
    /// </summary>
    internal void RetireDerivedLater(string name)
    {
        lock (_derivedReaders)
        {
            _retiring = _retiring.ContinueWith(_ =>
            {
                try
                {
                    RetiringDerived?.Invoke(name);
                    RetireDerived(name);
                }
                catch (Exception e) when (e is RocksDbException or IOException)
                {
                    // The family stays behind, unnamed by the marker: the next open drops it.
                    _logger.LogWarning(e, "Could not drop the replaced derived generation {Name}; it is dropped at the next open.", name);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Waits until the generations handed to <see cref="RetireDerivedLater"/> are dropped.</summary>
    internal void WaitForRetiredDerived()
    {
        Task retiring;
        lock (_derivedReaders) retiring = _retiring;
        retiring.Wait();
    }

    /// <summary>Tests only: called on the background thread before a replaced generation is dropped.</summary>
    internal Action<string>? RetiringDerived { get; set; }

    private static void DestroyHandle(ColumnFamilyHandle handle)
    {
        // RocksDbSharp forgets a dropped family's handle without destroying it.
        if (handle is IDisposable disposable) disposable.Dispose();
        else if (handle.Handle != IntPtr.Zero) Native.Instance.rocksdb_column_family_handle_destroy(handle.Handle);
    }

    /// <summary>
    /// <see cref="IngestOptions"/> without compression, for the files of a bulk import (see <see cref="ImportCompression"/>).
    /// </summary>
    public ColumnFamilyOptions ImportOptions { get; private init; } = new();

    /// <summary><see cref="IngestScanOnlyOptions"/> without compression, for the files of a bulk import.</summary>
    public ColumnFamilyOptions ImportScanOnlyOptions { get; private init; } = new();

    /// <summary>
    /// How a bulk import compresses the SST files it writes: not at all. Compressing them with the hot-level
    /// LZ4 took about 1.2 of the import's 21 CPU-seconds for LUBM(40), on the threads that write the indexes,
    /// for files that RocksDB rewrites anyway: ingested files carry a sequence number, so a "bottommost files"
    /// compaction (<see cref="BottommostFileCompactionDelaySeconds"/> after they were written) rewrites each
    /// once with the bottommost compression. Until then the store takes more room on disk (LUBM(40): about
    /// 1.5 times); readers decode uncompressed blocks as they do any other.
    /// </summary>
    internal const Compression ImportCompression = Compression.No;

    /// <summary>Options of the derived-facts family (its compression), for when materialization creates it.</summary>
    public ColumnFamilyOptions DerivedOptions { get; private init; } = new();

    /// <summary>
    /// How old an ingested file must be before RocksDB rewrites it in a "bottommost files" compaction. Every
    /// file an import or a full materialization ingests carries a sequence number (a snapshot is held during
    /// the ingest, so readers see all of it or none), and RocksDB rewrites each such file once to zero it and
    /// apply the bottommost compression. Right after an import of LUBM(10) that is 6.5 CPU-seconds of
    /// rewriting, which competed with whatever follows the import (a materialization, the first queries) on
    /// the same cores; delayed, it runs when the store has had ten minutes since the files were written. The
    /// files are readable and compressed (hot-level compression) meanwhile; only their final size waits.
    /// </summary>
    internal const uint BottommostFileCompactionDelaySeconds = 600;

    internal static Compression ToCompression(string name) => name switch
    {
        "None" => Compression.No,
        "Snappy" => Compression.Snappy,
        "Zstd" => Compression.Zstd,
        _ => Compression.Lz4,
    };

    public string ImportTempPath => System.IO.Path.Combine(Path, ImportTempFolder);

    /// <summary>Where queries spill rows that do not fit in memory, unless SpillPath says otherwise.</summary>
    public const string QueryTempFolder = "query-tmp";

    public string QueryTempPath => System.IO.Path.Combine(Path, QueryTempFolder);

    public static StoreDatabase Open(string path, StoreOptions options, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        string full = System.IO.Path.GetFullPath(path);
        bool exists = File.Exists(System.IO.Path.Combine(full, "CURRENT"));
        if (!exists && (options.ReadOnly || !options.CreateIfMissing))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"No store exists at {full}.");

        var settings = options.Configuration ?? Configuration.StoreConfiguration.Defaults;
        var table = new BlockBasedTableOptions()
            .SetBlockSize((ulong)settings.BlockSizeBytes)
            .SetWholeKeyFiltering(true);
        // Point lookups (dictionary, counters, existence checks) are what the Bloom filter saves disk reads for.
        if (settings.BloomFilterBitsPerKey > 0) table.SetFilterPolicy(BloomFilterPolicy.Create(settings.BloomFilterBitsPerKey, false));
        ColumnFamilyOptions DataFamilyOptions(Compression bottommost)
        {
            var family = new ColumnFamilyOptions()
                .SetWriteBufferSize((ulong)options.WriteBufferBytes)
                .SetMaxWriteBufferNumber(settings.MaxWriteBufferNumber)
                .SetCompression(ToCompression(settings.Compression))
                .SetLevelCompactionDynamicLevelBytes(true)
                .SetLevel0FileNumCompactionTrigger(settings.Level0CompactionTrigger)
                .SetTargetFileSizeBase((ulong)settings.TargetFileSizeBytes)
                .SetBlockBasedTableFactory(table);
            Native.Instance.rocksdb_options_set_bottommost_compression(family.Handle, (int)bottommost);
            Native.Instance.rocksdb_options_set_bottommost_file_compaction_delay(family.Handle, BottommostFileCompactionDelaySeconds);
            return family;
        }
        var scanTable = new BlockBasedTableOptions().SetBlockSize((ulong)settings.ScanBlockSizeBytes);
        // With a prefix extractor, scans of one leading term consult a prefix Bloom filter. Set before any
        // family takes the table options: RocksDB copies them into each family's table factory.
        if (settings.PrefixExtractorBytes > 0 && settings.BloomFilterBitsPerKey > 0)
            scanTable.SetFilterPolicy(BloomFilterPolicy.Create(settings.BloomFilterBitsPerKey, false)).SetWholeKeyFiltering(false);
        SetBlockCache((ulong)Math.Max(8L << 20, options.BlockCacheBytes), table, scanTable);
        ColumnFamilyOptions ScanOnlyFamilyOptions(Compression bottommost)
        {
            var family = new ColumnFamilyOptions()
                .SetCompression(ToCompression(settings.Compression))
                .SetBlockBasedTableFactory(scanTable);
            Native.Instance.rocksdb_options_set_bottommost_compression(family.Handle, (int)bottommost);
            return family;
        }
        var dataOptions = DataFamilyOptions(ToCompression(settings.BottommostCompression));
        var scanOnlyOptions = ScanOnlyFamilyOptions(ToCompression(settings.BottommostCompression));
        // SST files written for ingestion: SstFileWriter compresses with the bottommost setting (Zstd by
        // default), which took about a third of the CPU of the threads writing the indexes. Ingested files carry a sequence
        // number, so RocksDB rewrites them in a background "bottommost files" compaction (once they are
        // BottommostFileCompactionDelaySeconds old), which applies the bottommost compression anyway; until
        // then the cheaper hot-level compression is good enough.
        var ingestOptions = DataFamilyOptions(ToCompression(settings.Compression));
        var ingestScanOnlyOptions = ScanOnlyFamilyOptions(ToCompression(settings.Compression));
        var importOptions = DataFamilyOptions(ImportCompression).SetCompression(ImportCompression);
        var importScanOnlyOptions = ScanOnlyFamilyOptions(ImportCompression).SetCompression(ImportCompression);
        // The derived family is read like the data family (its files are written with the ingest options
        // above): the same block cache and filters, so its lookups use the Bloom filters its files carry
        // and its blocks do not compete in a small cache of their own.
        var derivedOptions = DataFamilyOptions(ToCompression(settings.DerivedCompression));
        derivedOptions.SetCompression(ToCompression(settings.DerivedCompression));
        if (settings.PrefixExtractorBytes > 0)
        {
            // Section byte + first term id: a scan of one subject (or predicate, object, graph) then
            // consults the prefix Bloom filter; reads use auto_prefix_mode, so results never change.
            foreach (var family in new[] { dataOptions, scanOnlyOptions, ingestOptions, ingestScanOnlyOptions, importOptions, importScanOnlyOptions, derivedOptions })
                family.SetPrefixExtractor(SliceTransform.CreateFixedPrefix((ulong)settings.PrefixExtractorBytes));
        }
        var dbOptions = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .IncreaseParallelism(Math.Max(2, Environment.ProcessorCount))
            .SetMaxOpenFiles(settings.MaxOpenFiles)
            .SetKeepLogFileNum(2)
            .SetMaxLogFileSize(1 << 20)
            .SetMaxTotalWalSize(256UL << 20);
        Native.Instance.rocksdb_options_set_max_background_jobs(dbOptions.Handle, settings.MaxBackgroundJobs);
        if (settings.CompactionRateLimitBytesPerSecond > 0)
        {
            // Native only in RocksDbSharp. The options keep their own reference; ours can go.
            var limiter = Native.Instance.rocksdb_ratelimiter_create(settings.CompactionRateLimitBytesPerSecond, 100_000, 10);
            Native.Instance.rocksdb_options_set_ratelimiter(dbOptions.Handle, limiter);
            Native.Instance.rocksdb_ratelimiter_destroy(limiter);
        }

        StoreLock? storeLock = null;
        try
        {
            if (!options.ReadOnly)
            {
                Directory.CreateDirectory(full);
                storeLock = StoreLock.Acquire(full);
            }
            string[] existingFamilies = [];
            if (exists) existingFamilies = CheckFormat(full, dbOptions);

            var families = new ColumnFamilies(new ColumnFamilyOptions());
            families.Add(MetaFamily, new ColumnFamilyOptions());
            families.Add(DataFamily, dataOptions);
            foreach (var name in existingFamilies)
                if (name is not ("default" or MetaFamily or DataFamily))
                    families.Add(name, DerivedFactStore.IsFamilyName(name) ? derivedOptions : new ColumnFamilyOptions());

            RocksDb db;
            try
            {
                db = options.ReadOnly
                    ? RocksDb.OpenReadOnly(dbOptions, full, families, false)
                    : RocksDb.Open(dbOptions, full, families);
            }
            catch (RocksDbException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
            {
                throw StoreLock.InUse(full, e);
            }
            catch (RocksDbException e)
            {
                throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO, $"Cannot open the store at {full}: {e.Message}", e);
            }

            var database = new StoreDatabase(full, options.ReadOnly, db, storeLock, dbOptions, dataOptions, scanOnlyOptions, logger)
            {
                DerivedOptions = derivedOptions,
                IngestOptions = ingestOptions,
                IngestScanOnlyOptions = ingestScanOnlyOptions,
                ImportOptions = importOptions,
                ImportScanOnlyOptions = importScanOnlyOptions,
                WarmIngestedFilesBytes = options.ReadOnly ? 0 : settings.WarmIngestedFilesBytes,
            };
            logger.LogDebug("RocksDB opened {Path}: block cache {Cache} bytes, write buffer {Buffer} bytes, {L0} level-0 files.", full, options.BlockCacheBytes, options.WriteBufferBytes, database.GetIntegerProperty("rocksdb.num-files-at-level0"));
            Telemetry.OpenStores.Add(database);
            if (!exists)
                db.Put(FormatVersionKey, Encoding.UTF8.GetBytes(FormatVersion.ToString(CultureInfo.InvariantCulture)), database.Meta, new WriteOptions().SetSync(true));
            DerivedFactStore.Open(database, existingFamilies);
            if (!options.ReadOnly) database.RemoveAbandonedImportFiles();
            return database;
        }
        catch
        {
            storeLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One block cache for both table layouts: a HyperClockCache (RocksDB's lock-free clock cache, sized
    /// automatically per entry), not the LRU cache RocksDbSharp creates. Every seek and point read looks up
    /// its data block in the cache; the LRU cache takes a shard mutex and relinks its list on each lookup
    /// and release, which was 15–20% of RocksDB's CPU in LUBM queries. Only reads change: the files and
    /// what the cache holds (uncompressed blocks) stay as they were.
    /// </summary>
    private static void SetBlockCache(ulong capacity, params BlockBasedTableOptions[] tables)
    {
        // estimated_entry_charge 0: the automatically sized variant (AutoHyperClockCache).
        var cache = Native.Instance.rocksdb_cache_create_hyper_clock((UIntPtr)capacity, UIntPtr.Zero);
        // The table options keep their own reference to the cache (a shared pointer); ours can go.
        foreach (var table in tables) Native.Instance.rocksdb_block_based_options_set_block_cache(table.Handle, cache);
        Native.Instance.rocksdb_cache_destroy(cache);
    }

    /// <summary>
    /// Reads the format version through a read-only open, so that a store this code does not
    /// understand is refused before anything (a missing column family, a new WAL) is written to it.
    /// </summary>
    private static string[] CheckFormat(string path, DbOptions dbOptions)
    {
        if (!RocksDb.TryListColumnFamilies(dbOptions, path, out var names) || !names.Contains(MetaFamily))
            throw new TripleStoreException(ErrorCodes.StoreFormat, ErrorKind.StoreFormat,
                $"The folder {path} holds a RocksDB database that is not a TripleStore store (it has no '{MetaFamily}' column family).");
        var families = new ColumnFamilies(new ColumnFamilyOptions());
        foreach (var name in names)
            if (name != "default") families.Add(name, new ColumnFamilyOptions());
        string? version;
        try
        {
            using var db = RocksDb.OpenReadOnly(dbOptions, path, families, false);
            var bytes = db.Get(FormatVersionKey, db.GetColumnFamily(MetaFamily));
            version = bytes is null ? null : Encoding.UTF8.GetString(bytes);
        }
        catch (RocksDbException e)
        {
            throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO, $"Cannot read the store at {path}: {e.Message}", e);
        }
        if (version != FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw new TripleStoreException(ErrorCodes.StoreFormat, ErrorKind.StoreFormat,
                $"The store at {path} has format version {version ?? "(none)"}, but this version of TripleStore reads only format {FormatVersion}; open it with a matching TripleStore version.");
        return names;
    }

    private void RemoveAbandonedImportFiles()
    {
        // Left by an import that was killed before its ingestion: never part of the store.
        if (Directory.Exists(ImportTempPath)) Directory.Delete(ImportTempPath, recursive: true);
        // Spill files of queries a killed process was running; the store lock says none runs now.
        if (Directory.Exists(QueryTempPath)) Directory.Delete(QueryTempPath, recursive: true);
    }

    /// <summary>Overwrites the recorded format version (tests use it to simulate a newer store).</summary>
    internal void WriteFormatVersion(string version) =>
        Db.Put(FormatVersionKey, Encoding.UTF8.GetBytes(version), Meta, new WriteOptions().SetSync(true));

    /// <summary>Flushes memtables so the next open need not replay the WAL.</summary>
    public void Flush()
    {
        if (ReadOnly) return;
        var flush = new FlushOptions().SetWaitForFlush(true);
        Native.Instance.rocksdb_flush_cf(Db.Handle, flush.Handle, Data.Handle);
        Native.Instance.rocksdb_flush_cf(Db.Handle, flush.Handle, Meta.Handle);
    }

    /// <summary>A RocksDB integer property; per-family ones are summed over the data and meta families. 0 when unknown.</summary>
    public long GetIntegerProperty(string name)
    {
        if (_disposed) return 0;
        if (name is "rocksdb.block-cache-usage" or "rocksdb.is-write-stopped" or "rocksdb.actual-delayed-write-rate" or "rocksdb.num-running-compactions" or "rocksdb.num-running-flushes")
            return Telemetry.OpenStores.Parse(Db.GetProperty(name));
        return Telemetry.OpenStores.Parse(Db.GetProperty(name, Data)) + Telemetry.OpenStores.Parse(Db.GetProperty(name, Meta));
    }

    /// <summary>Logs memtable, compaction backlog and write-stall state (after imports, at close).</summary>
    public void LogState(string when)
    {
        if (!_logger.IsEnabled(LogLevel.Debug)) return;
        _logger.LogDebug("RocksDB state {When}: memtables {Memtable} bytes, pending compaction {Pending} bytes, {Compactions} compactions running, L0 files {L0}, writes stopped {Stopped}.",
            when, GetIntegerProperty("rocksdb.cur-size-all-mem-tables"), GetIntegerProperty("rocksdb.estimate-pending-compaction-bytes"),
            GetIntegerProperty("rocksdb.num-running-compactions"), GetIntegerProperty("rocksdb.num-files-at-level0"), GetIntegerProperty("rocksdb.is-write-stopped"));
    }

    public void Dispose()
    {
        if (_disposed) return;
        Telemetry.OpenStores.Remove(this);
        if (!ReadOnly) _logger.LogInformation("Flushing memtables of {Path} before closing.", Path);
        LogState("at close");
        // A warming that is nearly done is let finish: the kernel completes the reads it was asked for after the
        // process ends, so the next process to open the store (a script run after an import) finds the files
        // cached. A long one is stopped, so that closing stays prompt.
        Task warming = Warming;
        try
        {
            if (!warming.Wait(CloseWaitForWarming))
            {
                lock (_warmingStop) _warmingStop.Cancel();
                warming.Wait();
            }
            lock (_warmingStop)
            {
                _warmingStop.Cancel();
                warming = _warming;
            }
            warming.Wait();
        }
        catch (AggregateException e) { _logger.LogWarning(e, "Reading ingested files into the page cache failed; only their first reads are slower."); }
        try { WaitForRetiredDerived(); }
        catch (AggregateException e) { _logger.LogWarning(e, "A replaced derived generation was not dropped; it is dropped at the next open."); }
        lock (_derivedReaders) _disposed = true;
        try { Flush(); }
        finally
        {
            Db.Dispose();
            _lock?.Dispose();
            GC.KeepAlive(_dbOptions);
            GC.KeepAlive(_dataOptions);
            GC.KeepAlive(_scanOnlyOptions);
            GC.KeepAlive(IngestOptions);
            GC.KeepAlive(IngestScanOnlyOptions);
            GC.KeepAlive(ImportOptions);
            GC.KeepAlive(ImportScanOnlyOptions);
            GC.KeepAlive(DerivedOptions);
        }
    }
}
