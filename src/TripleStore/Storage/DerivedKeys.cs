namespace TripleStore.Storage;

/// <summary>
/// Every derived triple of one predicate, held in memory as the keys of the derived family's
/// predicate-first (POS) and subject-first (SPO) indexes, each list sorted as RocksDB sorts them. A lookup
/// with the predicate bound then reads the derived side of its merge from these lists (a binary search)
/// instead of seeking the derived family. Kept only for predicates with few derived triples (LUBM's
/// <c>worksFor</c>, derived from <c>headOf</c> for one chair per department, is looked up once per chair
/// in Q12, each lookup a search of every level of the derived family's index).
/// </summary>
internal sealed class DerivedKeys
{
    private readonly byte[][] _pos;
    private readonly byte[][] _spo;

    /// <param name="pos">The predicate's derived POS keys in key order.</param>
    public DerivedKeys(byte[][] pos)
    {
        _pos = pos;
        _spo = new byte[pos.Length][];
        const int id = TermId.Size;
        for (int i = 0; i < pos.Length; i++)
        {
            // POS is section, p, o, s; SPO is section, s, p, o.
            var source = pos[i];
            var key = new byte[1 + 3 * id];
            key[0] = (byte)QuadIndex.DefaultSpo.Section;
            source.AsSpan(1 + 2 * id, id).CopyTo(key.AsSpan(1));
            source.AsSpan(1, id).CopyTo(key.AsSpan(1 + id));
            source.AsSpan(1 + id, id).CopyTo(key.AsSpan(1 + 2 * id));
            _spo[i] = key;
        }
        Array.Sort(_spo, static (a, b) => a.AsSpan().SequenceCompareTo(b));
    }

    /// <summary>How many derived triples the predicate has.</summary>
    public int Count => _pos.Length;

    /// <summary>The sorted keys of <paramref name="index"/>, or null when only the SPO and POS lists are kept.</summary>
    public byte[][]? For(QuadIndex index) =>
        ReferenceEquals(index, QuadIndex.DefaultPos) ? _pos : ReferenceEquals(index, QuadIndex.DefaultSpo) ? _spo : null;

    /// <summary>The position of the first key at or after <paramref name="target"/> (the list's length when none).</summary>
    public static int LowerBound(byte[][] keys, ReadOnlySpan<byte> target)
    {
        int low = 0, high = keys.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (keys[mid].AsSpan().SequenceCompareTo(target) < 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Whether the full SPO key <paramref name="key"/> is a derived triple.</summary>
    public bool ContainsSpo(ReadOnlySpan<byte> key)
    {
        int at = LowerBound(_spo, key);
        return at < _spo.Length && _spo[at].AsSpan().SequenceEqual(key);
    }
}
