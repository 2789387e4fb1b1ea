using TripleStore.Sparql.Syntax;

namespace TripleStore.Sparql;

/// <summary>
/// A bounded, thread-safe LRU cache of parsed queries keyed by query text and base IRI, so repeated
/// queries skip parsing and translation. Parsed queries are immutable and safe to share.
/// </summary>
public sealed class QueryPlanCache
{
    private readonly int _capacity;
    private readonly Dictionary<(string Text, string? Base), LinkedListNode<(string Text, string? Base, SparqlQuery Query)>> _map = new();
    private readonly LinkedList<(string Text, string? Base, SparqlQuery Query)> _lru = new();
    private readonly object _gate = new();

    public QueryPlanCache(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Capacity => _capacity;

    public int Count { get { lock (_gate) return _map.Count; } }

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    /// <summary>Returns the cached parse of <paramref name="text"/>, parsing and caching it on a miss. Syntax errors are not cached.</summary>
    public SparqlQuery GetOrParse(string text, string? baseIri = null, SparqlParserOptions? options = null) =>
        GetOrParse(text, baseIri, out _, options);

    /// <summary>As <see cref="GetOrParse(string, string?, SparqlParserOptions?)"/>, saying whether the cache had it.</summary>
    public SparqlQuery GetOrParse(string text, string? baseIri, out bool hit, SparqlParserOptions? options = null)
    {
        var key = (text, baseIri);
        hit = false;
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                Hits++;
                hit = true;
                return node.Value.Query;
            }
            Misses++;
        }
        var query = SparqlQuery.Parse(text, baseIri, options);
        lock (_gate)
        {
            if (!_map.ContainsKey(key))
            {
                _map[key] = _lru.AddFirst((text, baseIri, query));
                if (_map.Count > _capacity)
                {
                    var last = _lru.Last!;
                    _lru.RemoveLast();
                    _map.Remove((last.Value.Text, last.Value.Base));
                }
            }
        }
        return query;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _map.Clear();
            _lru.Clear();
        }
    }
}
