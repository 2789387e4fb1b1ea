using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// Counter deltas gathered while a write or an import decides which quads are new or removed, then
/// turned into absolute values against the current store (the writer lock makes read-then-write safe).
/// </summary>
internal sealed class CounterChanges
{
    private readonly Dictionary<CounterKey, long> _deltas = new();

    public bool IsEmpty => _deltas.Count == 0;

    public void Record(in QuadIds quad, long delta)
    {
        var graph = quad[QuadIndex.Graph];
        Add(new CounterKey(CounterKind.GraphQuads, graph), delta);
        if (graph == TermId.DefaultGraph)
        {
            Add(new CounterKey(CounterKind.DefaultPredicate, quad[QuadIndex.Predicate]), delta);
        }
        else
        {
            Add(new CounterKey(CounterKind.NamedPredicate, quad[QuadIndex.Predicate]), delta);
            Add(new CounterKey(CounterKind.NamedTotal, TermId.DefaultGraph), delta);
        }
    }

    /// <summary>Adds a delta already summed by the caller (the bulk importer counts per predicate and graph itself).</summary>
    public void Add(CounterKey key, long delta)
    {
        _deltas.TryGetValue(key, out long current);
        _deltas[key] = current + delta;
    }

    /// <summary>The new absolute values, in key order; zero means the counter is to be deleted.</summary>
    public List<(byte[] Key, long Value)> Resolve(RocksDb db, ColumnFamilyHandle data)
    {
        var result = new List<(byte[] Key, long Value)>(_deltas.Count);
        foreach (var (counter, delta) in _deltas)
        {
            if (delta == 0) continue;
            var key = counter.ToBytes();
            var existing = db.Get(key, data);
            long value = (existing is null ? 0 : CounterKey.DecodeValue(existing)) + delta;
            result.Add((key, Math.Max(0, value)));
        }
        result.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        return result;
    }
}
