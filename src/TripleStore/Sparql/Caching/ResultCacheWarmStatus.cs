namespace TripleStore.Sparql.Caching;

/// <summary>What result cache warming did since the store opened (see docs/caching.md).</summary>
public sealed record ResultCacheWarmStatus
{
    /// <summary>Whether ResultCacheWarmOnOpen is on (and the result cache too).</summary>
    public bool Enabled { get; init; }

    /// <summary>Queries read from the warm file when the store opened.</summary>
    public int Queued { get; init; }

    /// <summary>Saved queries run into the cache so far.</summary>
    public int Warmed { get; init; }

    /// <summary>Saved queries that no longer parse.</summary>
    public int Skipped { get; init; }

    /// <summary>Saved queries that failed for another reason (a timeout, a limit); logged as warnings.</summary>
    public int Failed { get; init; }

    /// <summary>Whether warming is still under way.</summary>
    public bool Running { get; init; }
}
