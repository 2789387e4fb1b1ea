namespace TripleStore.Sparql.Caching;

/// <summary>
/// Counts how often each cacheable query (by its result cache key) is asked for, so that the most used
/// ones can be saved when the store closes and warmed when it opens again. Only queries whose result
/// the cache has kept at least once are candidates: a result too large to cache is not worth warming.
/// Bounded: past <see cref="Capacity"/> keys, the less used half is forgotten. Thread-safe.
/// </summary>
internal sealed class ResultCacheUsage(int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<ResultCacheKey, Usage> _uses = new();

    public int Capacity { get; } = Math.Max(16, capacity);

    private sealed class Usage(WarmQuery query)
    {
        public WarmQuery Query = query;
        public long Count;
        public bool Stored;
    }

    /// <summary>One request for the query under <paramref name="key"/> (a hit or a miss).</summary>
    public void Record(ResultCacheKey key, SparqlQuery query, QueryOptions options)
    {
        lock (_gate)
        {
            if (!_uses.TryGetValue(key, out var usage))
            {
                if (_uses.Count >= Capacity) Prune();
                _uses[key] = usage = new Usage(WarmQuery.From(query, options));
            }
            usage.Count++;
        }
    }

    /// <summary>The result under <paramref name="key"/> was put in the cache.</summary>
    public void MarkStored(ResultCacheKey key)
    {
        lock (_gate)
        {
            if (_uses.TryGetValue(key, out var usage)) usage.Stored = true;
        }
    }

    /// <summary>Carries a saved query's (already decayed) count over, once its key is known.</summary>
    public void Seed(ResultCacheKey key, WarmQuery query)
    {
        lock (_gate)
        {
            if (!_uses.TryGetValue(key, out var usage))
            {
                if (_uses.Count >= Capacity) Prune();
                _uses[key] = usage = new Usage(query with { Uses = 0 });
            }
            usage.Count += query.Uses;
            usage.Stored = true;
        }
    }

    /// <summary>The most used queries whose result was cached, most used first, with their counts.</summary>
    public IReadOnlyList<WarmQuery> Top(int count)
    {
        lock (_gate)
        {
            return _uses.Values.Where(u => u.Stored && u.Count > 0)
                .OrderByDescending(u => u.Count).ThenBy(u => u.Query.Text, StringComparer.Ordinal)
                .Take(count).Select(u => u.Query with { Uses = u.Count }).ToList();
        }
    }

    private void Prune()
    {
        // Keeps the more used half (at least the kept results), so a burst of one-off queries cannot push
        // out the ones that matter.
        foreach (var key in _uses.OrderBy(kv => kv.Value.Stored).ThenBy(kv => kv.Value.Count).Take(_uses.Count / 2).Select(kv => kv.Key).ToList())
            _uses.Remove(key);
    }
}
