using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Puts facts in the key order of a store index without comparing 16-byte ids per step: the term numbers
/// are ranked once by their ids, and a fact's place in an index is then the order of its three ranks,
/// packed into one 128-bit integer that sorts as a plain number.
/// </summary>
internal sealed class FactSorter
{
    private readonly TermTable _terms;
    private readonly int[] _rank;
    private readonly int[] _byRank;

    public FactSorter(TermTable terms)
    {
        _terms = terms;
        int count = terms.Count;
        var ids = new TermId[count];
        _byRank = new int[count];
        for (int n = 0; n < count; n++)
        {
            ids[n] = terms.IdOf(n);
            _byRank[n] = n;
        }
        Array.Sort(ids, _byRank);
        _rank = new int[count];
        for (int r = 0; r < count; r++) _rank[_byRank[r]] = r;
    }

    /// <summary>The facts as ids in s, p, o order, sorted in <paramref name="index"/>'s key order, duplicates dropped.</summary>
    public IEnumerable<QuadIds> Sorted(IReadOnlyList<Fact> facts, QuadIndex index) =>
        Sorted(facts, index, wide: _rank.Length > 1 << RankBits);

    /// <summary>As <see cref="Sorted(IReadOnlyList{Fact}, QuadIndex)"/>, choosing the key width (tests run both).</summary>
    internal IEnumerable<QuadIds> Sorted(IReadOnlyList<Fact> facts, QuadIndex index, bool wide) =>
        wide ? SortedWide(facts, index) : SortedNarrow(facts, index);

    /// <summary>Ranks of up to 21 bits: three fit one 64-bit key, which sorts several times faster than a 128-bit one.</summary>
    private const int RankBits = 21;

    private IEnumerable<QuadIds> SortedNarrow(IReadOnlyList<Fact> facts, QuadIndex index)
    {
        var order = index.Order;
        const ulong Mask = (1UL << RankBits) - 1;
        var keys = new ulong[facts.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            var f = facts[i];
            keys[i] = ((ulong)(uint)_rank[Position(f, order[0])] << (2 * RankBits))
                      | ((ulong)(uint)_rank[Position(f, order[1])] << RankBits)
                      | (uint)_rank[Position(f, order[2])];
        }
        Array.Sort(keys);
        var spo = new int[3];
        for (int i = 0; i < keys.Length; i++)
        {
            if (i > 0 && keys[i] == keys[i - 1]) continue;
            var key = keys[i];
            spo[order[0]] = _byRank[(int)(key >> (2 * RankBits))];
            spo[order[1]] = _byRank[(int)((key >> RankBits) & Mask)];
            spo[order[2]] = _byRank[(int)(key & Mask)];
            yield return new QuadIds(_terms.IdOf(spo[0]), _terms.IdOf(spo[1]), _terms.IdOf(spo[2]), TermId.DefaultGraph);
        }
    }

    private IEnumerable<QuadIds> SortedWide(IReadOnlyList<Fact> facts, QuadIndex index)
    {
        var order = index.Order;
        var keys = new UInt128[facts.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            var f = facts[i];
            keys[i] = ((UInt128)(uint)_rank[Position(f, order[0])] << 64)
                      | ((UInt128)(uint)_rank[Position(f, order[1])] << 32)
                      | (uint)_rank[Position(f, order[2])];
        }
        Array.Sort(keys);
        var spo = new int[3];
        for (int i = 0; i < keys.Length; i++)
        {
            if (i > 0 && keys[i] == keys[i - 1]) continue;
            var key = keys[i];
            spo[order[0]] = _byRank[(int)(uint)(key >> 64)];
            spo[order[1]] = _byRank[(int)(uint)(key >> 32)];
            spo[order[2]] = _byRank[(int)(uint)key];
            yield return new QuadIds(_terms.IdOf(spo[0]), _terms.IdOf(spo[1]), _terms.IdOf(spo[2]), TermId.DefaultGraph);
        }
    }

    private static int Position(in Fact fact, int position) => position switch
    {
        QuadIndex.Subject => fact.S,
        QuadIndex.Predicate => fact.P,
        _ => fact.O,
    };
}
