using System.Globalization;
using System.Text;
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
    private readonly Cache _cache;
    private bool _disposed;

    private StoreDatabase(string path, bool readOnly, RocksDb db, StoreLock? storeLock, DbOptions dbOptions, ColumnFamilyOptions dataOptions, ColumnFamilyOptions scanOnlyOptions, Cache cache)
    {
        _scanOnlyOptions = scanOnlyOptions;
        Path = path;
        ReadOnly = readOnly;
        Db = db;
        _lock = storeLock;
        _dbOptions = dbOptions;
        _dataOptions = dataOptions;
        _cache = cache;
        Data = db.GetColumnFamily(DataFamily);
        Meta = db.GetColumnFamily(MetaFamily);
    }

    public string Path { get; }

    /// <summary>
    /// Decoded dictionary terms shared by every snapshot: an id is the hash of its term's content, so what
    /// an id stands for never changes, and a query need not re-read the terms the previous one decoded.
    /// </summary>
    internal TermCache Terms { get; } = new(262_144);
    public bool ReadOnly { get; }
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

    public string ImportTempPath => System.IO.Path.Combine(Path, ImportTempFolder);

    public static StoreDatabase Open(string path, StoreOptions options)
    {
        string full = System.IO.Path.GetFullPath(path);
        bool exists = File.Exists(System.IO.Path.Combine(full, "CURRENT"));
        if (!exists && (options.ReadOnly || !options.CreateIfMissing))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"No store exists at {full}.");

        var cache = Cache.CreateLru((ulong)Math.Max(8L << 20, options.BlockCacheBytes));
        var table = new BlockBasedTableOptions()
            .SetBlockCache(cache)
            .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
            .SetWholeKeyFiltering(true);
        var dataOptions = new ColumnFamilyOptions()
            .SetWriteBufferSize((ulong)options.WriteBufferBytes)
            .SetCompression(Compression.Lz4)
            .SetLevelCompactionDynamicLevelBytes(true)
            .SetTargetFileSizeBase(64UL << 20)
            .SetBlockBasedTableFactory(table);
        var scanOnlyOptions = new ColumnFamilyOptions()
            .SetCompression(Compression.Lz4)
            .SetBlockBasedTableFactory(new BlockBasedTableOptions().SetBlockCache(cache));
        var dbOptions = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .IncreaseParallelism(Math.Max(2, Environment.ProcessorCount))
            .SetKeepLogFileNum(2)
            .SetMaxLogFileSize(1 << 20)
            .SetMaxTotalWalSize(256UL << 20);

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
                if (name is not ("default" or MetaFamily or DataFamily)) families.Add(name, new ColumnFamilyOptions());

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

            var database = new StoreDatabase(full, options.ReadOnly, db, storeLock, dbOptions, dataOptions, scanOnlyOptions, cache);
            if (!exists)
                db.Put(FormatVersionKey, Encoding.UTF8.GetBytes(FormatVersion.ToString(CultureInfo.InvariantCulture)), database.Meta, new WriteOptions().SetSync(true));
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

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { Flush(); }
        finally
        {
            Db.Dispose();
            _lock?.Dispose();
            GC.KeepAlive(_dbOptions);
            GC.KeepAlive(_dataOptions);
            GC.KeepAlive(_scanOnlyOptions);
            GC.KeepAlive(_cache);
        }
    }
}
