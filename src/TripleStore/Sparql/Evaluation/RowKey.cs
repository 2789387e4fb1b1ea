using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>A hashable tuple of terms (nulls allowed), for DISTINCT, grouping and hash joins.</summary>
internal readonly struct RowKey : IEquatable<RowKey>
{
    private readonly Term?[] _values;
    private readonly int _hash;

    public RowKey(Term?[] values)
    {
        _values = values;
        var h = new HashCode();
        foreach (var v in values) h.Add(v);
        _hash = h.ToHashCode();
    }

    public static RowKey Of(Term?[] row, int[] slots)
    {
        var values = new Term?[slots.Length];
        for (int i = 0; i < slots.Length; i++) values[i] = row[slots[i]];
        return new RowKey(values);
    }

    public Term?[] Values => _values;

    public bool Equals(RowKey other)
    {
        if (_hash != other._hash || _values.Length != other._values.Length) return false;
        for (int i = 0; i < _values.Length; i++)
            if (!Equals(_values[i], other._values[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is RowKey k && Equals(k);

    public override int GetHashCode() => _hash;
}
