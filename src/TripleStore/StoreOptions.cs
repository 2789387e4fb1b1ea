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

    /// <summary>fsync the write-ahead log on every write. Off: a write survives a process crash, but not a power loss.</summary>
    public bool SyncWrites { get; init; }

    /// <summary>The block cache for reads, in bytes.</summary>
    public long BlockCacheBytes { get; init; } = 128L << 20;

    /// <summary>The memtable size, in bytes, before it is flushed to a file.</summary>
    public long WriteBufferBytes { get; init; } = 64L << 20;
}
