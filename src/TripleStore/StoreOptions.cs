using Microsoft.Extensions.Logging;

namespace TripleStore;

/// <summary>How <see cref="RdfStore.Open"/> opens a store.</summary>
public sealed record StoreOptions
{
    /// <summary>
    /// Open for reading only. Works beside a writer in another process; the view is the store as it
    /// was when opened.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>Create the store when the folder holds none (ignored for read-only opens).</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>
    /// fsync the write-ahead log on every commit (the default): a committed write survives a process
    /// crash and a power loss. Off is faster for many small writes: a write still survives a process
    /// crash, but the last writes before a power loss or OS crash may be lost (never half of one).
    /// </summary>
    public bool SyncWrites { get; init; } = true;

    /// <summary>The block cache for reads, in bytes.</summary>
    public long BlockCacheBytes { get; init; } = 128L << 20;

    /// <summary>The memtable size, in bytes, before it is flushed to a file.</summary>
    public long WriteBufferBytes { get; init; } = 64L << 20;

    /// <summary>The time limit for <see cref="RdfStore.Query"/> when the query's options set none; null = no limit.</summary>
    public TimeSpan? DefaultQueryTimeout { get; init; }

    /// <summary>
    /// Where the store logs (files opened, plans chosen, import rates, flushes and compaction state);
    /// null uses <see cref="Telemetry.TripleStoreLogging.DefaultLoggerFactory"/>.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// The resolved configuration (preset, file, environment, options) with the RocksDB knobs and engine
    /// limits; null uses the built-in defaults and the values above. See
    /// <see cref="Configuration.StoreConfiguration.ToStoreOptions"/>.
    /// </summary>
    public Configuration.StoreConfiguration? Configuration { get; init; }
}
