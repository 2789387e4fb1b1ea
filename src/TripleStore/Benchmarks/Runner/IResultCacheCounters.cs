namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// An executor that can tell how many of its queries the store's result cache answered, so a run can
/// report its hit ratio: cumulative hits and misses since the store opened.
/// </summary>
public interface IResultCacheCounters
{
    (long Hits, long Misses) ResultCacheCounters { get; }
}
