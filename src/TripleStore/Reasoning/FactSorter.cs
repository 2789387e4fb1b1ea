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
        _byRank = RankOrder(terms);
        _rank = new int[count];
        _rankBytes = new byte[(long)count * TermId.Size];
        for (int r = 0; r < count; r++)
        {
            _rank[_byRank[r]] = r;
            terms.IdOf(_byRank[r]).Write(_rankBytes.AsSpan(r * TermId.Size, TermId.Size));
        }
    }

    /// <summary>
    /// The term numbers in TermId order (High, then Low): a radix sort of the High words carrying the numbers,
    /// then the (rare) runs of equal High words sorted by Low. A comparison sort of 128-bit ids cost a
    /// generic comparer call per step.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int[] RankOrder(TermTable terms)
    {
        int count = terms.Count;
        var high = new ulong[count];
        var order = new int[count];
        for (int n = 0; n < count; n++)
        {
            high[n] = terms.IdOf(n).High;
            order[n] = n;
        }
        RadixSort(high, order);
        for (int start = 0; start < count;)
        {
            int end = start + 1;
            while (end < count && high[end] == high[start]) end++;
            if (end - start > 1)
            {
                var low = new ulong[end - start];
                var run = order[start..end];
                for (int i = 0; i < run.Length; i++) low[i] = terms.IdOf(run[i]).Low;
                Array.Sort(low, run);
                run.CopyTo(order, start);
            }
            start = end;
        }
        return order;
    }

    /// <summary>Sorts 64-bit keys and their values together, least significant 11-bit digit first, skipping digits every key shares.</summary>
    internal static void RadixSort(ulong[] keys, int[] values)
    {
        const int Bits = 11, Buckets = 1 << Bits, Passes = (64 + Bits - 1) / Bits;
        if (keys.Length < 4096)
        {
            Array.Sort(keys, values);
            return;
        }
        var counts = new int[Passes * Buckets];
        foreach (ulong k in keys)
            for (int p = 0; p < Passes; p++) counts[p * Buckets + (int)((k >> (p * Bits)) & (Buckets - 1))]++;
        ulong[] from = keys, to = new ulong[keys.Length];
        int[] fromValues = values, toValues = new int[values.Length];
        for (int p = 0; p < Passes; p++)
        {
            var count = counts.AsSpan(p * Buckets, Buckets);
            int shift = p * Bits;
            if (count[(int)((from[0] >> shift) & (Buckets - 1))] == keys.Length) continue;
            int sum = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < from.Length; i++)
            {
                int at = count[(int)((from[i] >> shift) & (Buckets - 1))]++;
                to[at] = from[i];
                toValues[at] = fromValues[i];
            }
            (from, to) = (to, from);
            (fromValues, toValues) = (toValues, fromValues);
        }
        if (!ReferenceEquals(from, keys))
        {
            from.CopyTo(keys, 0);
            fromValues.CopyTo(values, 0);
        }
    }

    /// <summary>The key bytes of each term, in rank order: a key is three copies from here, in mostly ascending places.</summary>
    private readonly byte[] _rankBytes;

    /// <summary>
    /// Gives <paramref name="put"/> the keys of <paramref name="index"/> for the facts (default graph), in key
    /// order, duplicates dropped. The keys are built from each term's bytes held in rank order, so sorted
    /// keys read that table almost sequentially, with no id lookup or per-key encoding.
    /// </summary>
    public void WriteKeys(IReadOnlyList<Fact> facts, QuadIndex index, KeySink put) =>
        WriteKeys(facts, index, put, wide: _rank.Length > 1 << RankBits);

    /// <summary>As <see cref="WriteKeys(IReadOnlyList{Fact}, QuadIndex, KeySink)"/>, choosing the key width (tests run both).</summary>
    internal void WriteKeys(IReadOnlyList<Fact> facts, QuadIndex index, KeySink put, bool wide)
    {
        if (index.KeyLength != 1 + 3 * TermId.Size) throw new ArgumentException("Only default-graph indexes hold derived triples.", nameof(index));
        Span<byte> key = stackalloc byte[1 + 3 * TermId.Size];
        key[0] = (byte)index.Section;
        if (wide)
        {
            foreach (var ids in SortedWide(facts, index))
            {
                index.WriteKey(ids, key);
                put(key);
            }
            return;
        }
        var keys = SortKeys(facts, index.Order);
        WriteSorted(keys, 0, keys.Length, index, put);
    }

    /// <summary>
    /// The derived family's files for <paramref name="facts"/>: for each default-graph index, up to
    /// <paramref name="partsPerIndex"/> writers of consecutive key ranges (the SST writing is most of the
    /// stage; three indexes on two cores leave one core idle for a third of it, six parts do not). The keys of
    /// all indexes are sorted here, in parallel; each part then only writes.
    /// </summary>
    public List<(QuadIndex Index, Action<KeySink> Write)> Parts(IReadOnlyList<Fact> facts, int partsPerIndex)
    {
        var indexes = QuadIndex.DefaultGraph;
        var parts = new List<(QuadIndex, Action<KeySink>)>();
        if (_rank.Length > 1 << RankBits)
        {
            foreach (var index in indexes) parts.Add((index, put => WriteKeys(facts, index, put, wide: true)));
            return parts;
        }
        var sorted = new ulong[indexes.Length][];
        Parallel.For(0, indexes.Length, i => sorted[i] = SortKeys(facts, indexes[i].Order));
        for (int i = 0; i < indexes.Length; i++)
        {
            var keys = sorted[i];
            var index = indexes[i];
            int from = 0;
            for (int part = 1; part <= partsPerIndex && from < keys.Length; part++)
            {
                int to = part == partsPerIndex ? keys.Length : (int)((long)keys.Length * part / partsPerIndex);
                // A repeated key stays in one part, so parts never overlap.
                while (to > from && to < keys.Length && keys[to] == keys[to - 1]) to++;
                if (to <= from) continue;
                int start = from, end = to;
                parts.Add((index, put => WriteSorted(keys, start, end, index, put)));
                from = to;
            }
        }
        return parts;
    }

    /// <summary>Gives <paramref name="put"/> the keys of sorted narrow keys [from, to), repeats dropped.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void WriteSorted(ulong[] keys, int from, int to, QuadIndex index, KeySink put)
    {
        Span<byte> key = stackalloc byte[1 + 3 * TermId.Size];
        key[0] = (byte)index.Section;
        const ulong Mask = (1UL << RankBits) - 1;
        var bytes = _rankBytes;
        ulong last = ulong.MaxValue; // no key has all 64 bits set (three ranks use 63)
        int last0 = -1, last1 = -1;
        for (int i = from; i < to; i++)
        {
            // The second and third terms' bytes are read in no particular order (a 16-byte entry in a table of
            // megabytes): ask for the lines of a key some steps ahead, so their misses overlap this key's write.
            if (i + PrefetchAhead < to)
            {
                ulong ahead = keys[i + PrefetchAhead];
                FactStore.Prefetch(bytes, (int)((ahead >> RankBits) & Mask) * TermId.Size);
                FactStore.Prefetch(bytes, (int)(ahead & Mask) * TermId.Size);
            }
            ulong k = keys[i];
            if (k == last) continue;
            last = k;
            int r0 = (int)(k >> (2 * RankBits)), r1 = (int)((k >> RankBits) & Mask), r2 = (int)(k & Mask);
            if (r0 != last0)
            {
                bytes.AsSpan(r0 * TermId.Size, TermId.Size).CopyTo(key.Slice(1, TermId.Size));
                last0 = r0;
                last1 = -1;
            }
            if (r1 != last1)
            {
                bytes.AsSpan(r1 * TermId.Size, TermId.Size).CopyTo(key.Slice(1 + TermId.Size, TermId.Size));
                last1 = r1;
            }
            bytes.AsSpan(r2 * TermId.Size, TermId.Size).CopyTo(key.Slice(1 + 2 * TermId.Size, TermId.Size));
            put(key);
        }
    }

    /// <summary>How many keys ahead <see cref="WriteSorted"/> prefetches term bytes.</summary>
    private const int PrefetchAhead = 8;

    /// <summary>The facts' narrow keys for an index order (ranks of its first, second and third term), sorted.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private ulong[] SortKeys(IReadOnlyList<Fact> facts, int[] order)
    {
        int shiftS = Shift(order, QuadIndex.Subject), shiftP = Shift(order, QuadIndex.Predicate), shiftO = Shift(order, QuadIndex.Object);
        var keys = new ulong[facts.Count];
        var rank = _rank;
        if (facts is List<Fact> list)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
            for (int i = 0; i < span.Length; i++)
            {
                ref readonly Fact f = ref span[i];
                keys[i] = ((ulong)(uint)rank[f.S] << shiftS) | ((ulong)(uint)rank[f.P] << shiftP) | ((ulong)(uint)rank[f.O] << shiftO);
            }
        }
        else
        {
            for (int i = 0; i < keys.Length; i++)
            {
                var f = facts[i];
                keys[i] = ((ulong)(uint)rank[f.S] << shiftS) | ((ulong)(uint)rank[f.P] << shiftP) | ((ulong)(uint)rank[f.O] << shiftO);
            }
        }
        RadixSort(keys);
        return keys;

        static int Shift(int[] order, int position) => (2 - Array.IndexOf(order, position)) * RankBits;
    }

    /// <summary>
    /// Sorts 63-bit keys: least significant digit first, 11 bits a pass, skipping passes whose digit is the
    /// same in every key (the few predicates leave most of theirs so). Several times cheaper than a
    /// comparison sort for a million keys.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void RadixSort(ulong[] keys)
    {
        const int Bits = 11, Buckets = 1 << Bits, Passes = (3 * RankBits + Bits - 1) / Bits;
        if (keys.Length < 4096)
        {
            Array.Sort(keys);
            return;
        }
        var counts = new int[Passes * Buckets];
        foreach (ulong k in keys)
            for (int p = 0; p < Passes; p++) counts[p * Buckets + (int)((k >> (p * Bits)) & (Buckets - 1))]++;
        var from = keys;
        var to = new ulong[keys.Length];
        for (int p = 0; p < Passes; p++)
        {
            var count = counts.AsSpan(p * Buckets, Buckets);
            int shift = p * Bits;
            if (count[(int)((from[0] >> shift) & (Buckets - 1))] == keys.Length) continue; // one digit value: nothing moves
            int sum = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            foreach (ulong k in from) to[count[(int)((k >> shift) & (Buckets - 1))]++] = k;
            (from, to) = (to, from);
        }
        if (!ReferenceEquals(from, keys)) from.CopyTo(keys, 0);
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
        var keys = SortKeys(facts, order);
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
