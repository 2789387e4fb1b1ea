using TripleStore.Sparql;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Runs benchmark queries on an open <see cref="RdfStore"/>, reading every result. With
/// <paramref name="useResultCache"/> false every execution evaluates the query (no cached answers).
/// </summary>
public sealed class StoreQueryExecutor(RdfStore store, TimeSpan? timeout = null, bool useResultCache = true) : IQueryExecutor, IResultCacheCounters
{
    private readonly RdfStore _store = store ?? throw new ArgumentNullException(nameof(store));

    public string Name => "TripleStore";

    public (long Hits, long Misses) ResultCacheCounters
    {
        get
        {
            var cache = _store.ResultCacheStatistics;
            return (cache.Hits, cache.Misses);
        }
    }

    public long Execute(BenchmarkQuery query, CancellationToken cancellation)
    {
        var result = _store.Query(query.Text, new QueryOptions { CancellationToken = cancellation, Timeout = timeout, UseResultCache = useResultCache });
        long count = 0;
        switch (result)
        {
            case SolutionSequence rows:
                foreach (var _ in rows) count++;
                break;
            case GraphResult triples:
                foreach (var _ in triples) count++;
                break;
            case BooleanResult answer:
                count = answer.Value ? 1 : 0;
                break;
        }
        return count;
    }
}
