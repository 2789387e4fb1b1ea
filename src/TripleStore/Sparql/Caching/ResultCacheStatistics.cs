namespace TripleStore.Sparql.Caching;

/// <summary>A store's query result cache: its bounds and what it has done since the store opened (or was last cleared).</summary>
public sealed record ResultCacheStatistics
{
    public bool Enabled { get; init; }
    public int Entries { get; init; }
    public long Bytes { get; init; }
    public int MaxEntries { get; init; }
    public long MaxBytes { get; init; }
    public long MaxResultBytes { get; init; }
    public long Hits { get; init; }
    public long Misses { get; init; }
    public long Evictions { get; init; }
    public long Invalidations { get; init; }
}
