namespace TripleStore.Storage;

/// <summary>
/// A direct-mapped memory of recently seen term ids. Predicates, classes and busy subjects repeat on
/// nearly every line; remembering them keeps their dictionary entries from being sorted millions of
/// times. A miss only costs a duplicate entry that the sort removes, so a fixed size is enough.
/// </summary>
internal sealed class RecentTermFilter
{
    private readonly TermId[] _slots;
    private readonly int _mask;

    public RecentTermFilter(int bits = 20)
    {
        _slots = new TermId[1 << bits];
        _mask = (1 << bits) - 1;
    }

    /// <summary>True when <paramref name="id"/> was seen recently; otherwise remembers it and returns false.</summary>
    public bool SeenBefore(TermId id)
    {
        // The id is a hash already (or an inline value), so its low bits spread well.
        int slot = (int)((id.Low ^ (id.High >> 7)) & (ulong)_mask);
        if (_slots[slot] == id) return true;
        _slots[slot] = id;
        return false;
    }
}
