using TripleStore.Rdf;

namespace TripleStore;

/// <summary>
/// Counts that describe a store. Quad counts are exact (kept up to date on every write); distinct
/// counts are exact too, computed by a skip scan when asked for.
/// </summary>
public sealed record StoreStatistics
{
    /// <summary>All quads: default-graph triples plus named-graph quads.</summary>
    public long Quads { get; init; }

    /// <summary>Triples in the default graph.</summary>
    public long DefaultGraphTriples { get; init; }

    /// <summary>Quads in named graphs.</summary>
    public long NamedGraphQuads { get; init; }

    /// <summary>Quads per non-empty named graph.</summary>
    public IReadOnlyDictionary<Term, long> GraphCounts { get; init; } = new Dictionary<Term, long>();

    public long DistinctSubjects { get; init; }
    public long DistinctPredicates { get; init; }
    public long DistinctObjects { get; init; }

    /// <summary>Terms held in the dictionary (IRIs, blank nodes and literals too long to inline).</summary>
    public long DictionaryTerms { get; init; }

    /// <summary>Bytes the store's folder takes on disk.</summary>
    public long SizeOnDisk { get; init; }

    /// <summary>Query results held by the in-process result cache.</summary>
    public long ResultCacheEntries { get; init; }

    /// <summary>Estimated bytes the result cache holds.</summary>
    public long ResultCacheBytes { get; init; }

    /// <summary>Queries answered from the result cache since the store opened (or the cache was cleared).</summary>
    public long ResultCacheHits { get; init; }

    /// <summary>Cacheable queries the result cache did not hold.</summary>
    public long ResultCacheMisses { get; init; }

    /// <summary>Results dropped to stay within the entry or byte bound.</summary>
    public long ResultCacheEvictions { get; init; }

    /// <summary>Results dropped because a write changed what they read.</summary>
    public long ResultCacheInvalidations { get; init; }

    /// <summary>A remote store's shared Redis tier: Connected, Unavailable, Off; empty for an embedded store.</summary>
    public string RedisCache { get; init; } = "";

    /// <summary>Queries a remote store answered from Redis since it was opened.</summary>
    public long RedisCacheHits { get; init; }

    /// <summary>Cacheable queries Redis did not hold (they went to the endpoint, and their result was put in Redis).</summary>
    public long RedisCacheMisses { get; init; }

    /// <summary>Redis commands that failed, or were skipped while Redis was unavailable.</summary>
    public long RedisCacheErrors { get; init; }

    /// <summary>Writes through this store that retired the endpoint's cached results (generation increments).</summary>
    public long RedisCacheInvalidations { get; init; }

    /// <summary>Saved queries run into the result cache in the background since the store opened (ResultCacheWarmOnOpen).</summary>
    public long ResultCacheWarmed { get; init; }
}
