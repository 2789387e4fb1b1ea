using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>Solutions indexed on key slots; rows missing a key value are kept aside and always probed.</summary>
internal sealed class HashTable
{
    private readonly int[] _keySlots;
    private readonly Dictionary<RowKey, List<Term?[]>> _buckets = new();
    private readonly List<Term?[]> _all = new();
    private readonly List<Term?[]> _partial = new();

    private HashTable(int[] keySlots) => _keySlots = keySlots;

    public int Count => _all.Count;

    public List<Term?[]> All => _all;

    public static HashTable Build(IEnumerable<Term?[]> rows, int[] keySlots, EvaluationContext ctx, string operatorName)
    {
        var table = new HashTable(keySlots);
        foreach (var r in rows)
        {
            ctx.Tick();
            table._all.Add(r);
            ctx.CheckMemory(table._all.Count, operatorName);
            if (keySlots.Length == 0) continue;
            bool complete = true;
            foreach (var s in keySlots) if (r[s] is null) { complete = false; break; }
            if (!complete) { table._partial.Add(r); continue; }
            var key = RowKey.Of(r, keySlots);
            if (!table._buckets.TryGetValue(key, out var list)) table._buckets[key] = list = new List<Term?[]>();
            list.Add(r);
        }
        return table;
    }

    /// <summary>The candidates that may be compatible with <paramref name="row"/>; callers still check compatibility.</summary>
    public IEnumerable<Term?[]> Probe(Term?[] row)
    {
        if (_keySlots.Length == 0) return _all;
        foreach (var s in _keySlots) if (row[s] is null) return _all;
        var key = RowKey.Of(row, _keySlots);
        var bucket = _buckets.GetValueOrDefault(key);
        if (_partial.Count == 0) return bucket ?? (IEnumerable<Term?[]>)Array.Empty<Term?[]>();
        return bucket is null ? _partial : bucket.Concat(_partial);
    }
}
