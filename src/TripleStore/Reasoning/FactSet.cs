using System.Collections;

namespace TripleStore.Reasoning;

/// <summary>
/// A set of facts for the sets a materialization keeps beside its working set (the asserted facts, the
/// stored derived facts): while every term number fits 21 bits, each fact is one 64-bit key in an
/// open-addressing table with linear probing, so an add or a lookup is one hash and, mostly, one cache
/// line, where a <see cref="HashSet{T}"/> reads a bucket and then an entry (and keeps 20 bytes per fact
/// against 8 to 16 here). Loading LUBM(10) builds a set of 1.3M asserted facts on the loading thread,
/// and a full run a set of 860K derived facts while it writes them. The first fact with a wider number
/// moves the set into a <see cref="HashSet{T}"/> for good.
/// </summary>
internal sealed class FactSet : IReadOnlyCollection<Fact>
{
    private const int KeyBits = 21;
    private long[] _slots; // ~packed fact, 0 = empty
    private int _shift;
    private int _count;
    private HashSet<Fact>? _wide;

    public FactSet() : this(0) { }

    public FactSet(int capacity)
    {
        _slots = new long[16];
        _shift = 64 - 4;
        EnsureCapacity(capacity);
    }

    /// <summary>Creates the set of <paramref name="facts"/>.</summary>
    public FactSet(IReadOnlyCollection<Fact> facts) : this(facts.Count)
    {
        if (facts is List<Fact> list) AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        else foreach (var fact in facts) Add(fact);
    }

    /// <summary>Creates the set of <paramref name="facts"/>, filled by <see cref="AddRange"/>.</summary>
    public FactSet(ReadOnlySpan<Fact> facts) : this(facts.Length) => AddRange(facts);

    /// <summary>Below this many facts <see cref="AddRange"/> adds them one by one.</summary>
    private const int BulkMinimum = 4096;

    /// <summary>
    /// Adds many facts, as <see cref="Add"/> one by one would (same contents, first of repeats kept), but in
    /// the order of the table regions their keys hash to: the keys are first distributed by region (a counting
    /// sort on the top bits of their home slot), so the inserts walk the table from start to end and each
    /// touches memory the previous ones brought into the cache. One by one, every insert of a large set is a
    /// cache miss somewhere in a table of tens of megabytes.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddRange(ReadOnlySpan<Fact> facts)
    {
        bool bulk = _wide is null && facts.Length >= BulkMinimum;
        for (int i = 0; bulk && i < facts.Length; i++)
        {
            ref readonly Fact f = ref facts[i];
            if (f.S < 0 || f.P < 0 || f.O < 0 || !Fits(f)) bulk = false;
        }
        if (!bulk)
        {
            foreach (var fact in facts) Add(fact);
            return;
        }
        EnsureCapacity(_count + facts.Length);
        int tableBits = 64 - _shift;
        int regionBits = Math.Min(tableBits, RegionBits);
        int regionShift = tableBits - regionBits;
        var starts = new int[(1 << regionBits) + 1];
        var keys = new long[facts.Length];
        var regions = new ushort[facts.Length];
        for (int i = 0; i < facts.Length; i++)
        {
            long key = Key(facts[i]);
            keys[i] = key;
            int region = Home(key, _shift) >> regionShift;
            regions[i] = (ushort)region;
            starts[region + 1]++;
        }
        for (int r = 1; r < starts.Length; r++) starts[r] += starts[r - 1];
        // Stable: repeats keep their order, so the first one is the one added.
        var ordered = new long[facts.Length];
        for (int i = 0; i < keys.Length; i++) ordered[starts[regions[i]]++] = keys[i];
        var slots = _slots;
        int mask = slots.Length - 1;
        int count = _count;
        foreach (long key in ordered)
        {
            for (int i = Home(key, _shift); ; i = (i + 1) & mask)
            {
                long k = slots[i];
                if (k == key) break;
                if (k != 0) continue;
                slots[i] = key;
                count++;
                break;
            }
        }
        _count = count;
    }

    /// <summary>Table regions of a bulk add: 2^11 of them, a few kilobytes each for sets of millions.</summary>
    private const int RegionBits = 11;

    public int Count => _wide?.Count ?? _count;

    /// <summary>True while the facts are held as packed keys (every term number so far fits 21 bits).</summary>
    internal bool IsPacked => _wide is null;

    /// <summary>Makes room for <paramref name="facts"/> facts in all, so filling the set never rehashes.</summary>
    public void EnsureCapacity(int facts)
    {
        if (_wide is not null)
        {
            _wide.EnsureCapacity(facts);
            return;
        }
        // At most half full: linear probing stays short.
        int size = _slots.Length, shift = _shift;
        while ((long)facts * 2 > size)
        {
            size *= 2;
            shift--;
        }
        if (size != _slots.Length) Rehash(size, shift);
    }

    private static bool Fits(in Fact f) => ((uint)f.S | (uint)f.P | (uint)f.O) < 1u << KeyBits;

    private static long Key(in Fact f) => ~(((long)f.S << (2 * KeyBits)) | ((long)f.P << KeyBits) | (uint)f.O);

    private static Fact Unpack(long slot)
    {
        long key = ~slot;
        const long Mask = (1L << KeyBits) - 1;
        return new Fact((int)(key >> (2 * KeyBits)), (int)((key >> KeyBits) & Mask), (int)(key & Mask));
    }

    private static int Home(long key, int shift)
    {
        ulong h = (ulong)key * 0x9E3779B97F4A7C15UL;
        h ^= h >> 31;
        return (int)((h * 0xBF58476D1CE4E5B9UL) >> shift);
    }

    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Add(in Fact fact)
    {
        if (_wide is not null) return _wide.Add(fact);
        if (fact.S < 0 || fact.P < 0 || fact.O < 0 || !Fits(fact))
        {
            Widen();
            return _wide!.Add(fact);
        }
        if ((_count + 1) * 2 > _slots.Length) Rehash(_slots.Length * 2, _shift - 1);
        long key = Key(fact);
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int i = Home(key, _shift); ; i = (i + 1) & mask)
        {
            long k = slots[i];
            if (k == key) return false;
            if (k != 0) continue;
            slots[i] = key;
            _count++;
            return true;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Contains(in Fact fact)
    {
        if (_wide is not null) return _wide.Contains(fact);
        if (fact.S < 0 || fact.P < 0 || fact.O < 0 || !Fits(fact)) return false;
        long key = Key(fact);
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int i = Home(key, _shift); ; i = (i + 1) & mask)
        {
            long k = slots[i];
            if (k == key) return true;
            if (k == 0) return false;
        }
    }

    public bool Remove(in Fact fact)
    {
        if (_wide is not null) return _wide.Remove(fact);
        if (fact.S < 0 || fact.P < 0 || fact.O < 0 || !Fits(fact)) return false;
        long key = Key(fact);
        var slots = _slots;
        int mask = slots.Length - 1;
        int hole = Home(key, _shift);
        for (; ; hole = (hole + 1) & mask)
        {
            long k = slots[hole];
            if (k == key) break;
            if (k == 0) return false;
        }
        // Linear probing without tombstones: shift later entries of the cluster back into the hole.
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask)
        {
            int home = Home(slots[j], _shift);
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (stays) continue;
            slots[hole] = slots[j];
            hole = j;
        }
        slots[hole] = 0;
        _count--;
        return true;
    }

    private void Rehash(int size, int shift)
    {
        var old = _slots;
        var slots = new long[size];
        int mask = size - 1;
        foreach (long key in old)
        {
            if (key == 0) continue;
            int i = Home(key, shift);
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = key;
        }
        _slots = slots;
        _shift = shift;
    }

    private void Widen()
    {
        var wide = new HashSet<Fact>(Math.Max(_count * 2, 16));
        foreach (long key in _slots)
            if (key != 0) wide.Add(Unpack(key));
        _wide = wide;
        _slots = [];
        _count = 0;
    }

    public IEnumerator<Fact> GetEnumerator()
    {
        if (_wide is not null)
        {
            foreach (var fact in _wide) yield return fact;
            yield break;
        }
        foreach (long key in _slots)
            if (key != 0) yield return Unpack(key);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
