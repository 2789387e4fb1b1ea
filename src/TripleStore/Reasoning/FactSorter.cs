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
    public IEnumerable<QuadIds> Sorted(IReadOnlyList<Fact> facts, QuadIndex index)
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
