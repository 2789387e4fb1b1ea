using System.Runtime.InteropServices;

namespace TripleStore.Reasoning;

/// <summary>
/// The working set of the fixpoint: one table of facts in a flat array of rows (after RDFox's triple table).
/// Three intrusive lists thread the rows with the same (p, s), the same (p, o) and the same p, newest
/// first; <see cref="LongIntMap"/>s give each list's head, and an open-addressing table over rows answers
/// membership. Nothing is allocated per fact, so a closure of millions of facts costs the garbage
/// collector a few arrays. While every term number fits in 21 bits (two million terms), a second array
/// beside the membership table holds each slot's fact packed into one 64-bit key: a membership probe,
/// the rule tasks' most frequent operation, then reads that array alone (one cache miss, where comparing
/// through the row costs a second, dependent one).
/// Rows are only appended, so the facts added since some moment are a row range: the semi-naive delta is
/// "rows from here", and "old facts" are the rows below it. Removing a fact marks its row dead; lists
/// skip dead rows. Reads may run in parallel; writes happen only between parallel phases.
/// </summary>
internal sealed class FactStore
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Row
    {
        public int S, P, O;
        public int NextPs, NextPo, NextP;
    }

    private Row[] _rows = new Row[1024];
    private int _rowCount;
    private int[] _index = new int[2048]; // row + 1, 0 = empty slot
    private int _indexShift = 64 - 11;
    private long[] _keys = new long[2048]; // ~packed fact of the same slot of _index, 0 = empty; [] when not packed
    private bool _packed = true;
    private readonly LongIntMap _headPs = new();
    private readonly LongIntMap _headPo = new();
    private readonly Dictionary<int, int> _headP = new();
    private readonly Dictionary<int, int> _liveP = new();
    private int[]? _predicates;

    /// <summary>Live facts.</summary>
    public long Count { get; private set; }

    /// <summary>Rows ever appended (live and dead): the next fact added gets this row.</summary>
    public int RowCount => _rowCount;

    /// <summary>Rows the store holds room for before its row array grows (doubles).</summary>
    internal int RowCapacity => _rows.Length;

    /// <summary>Makes room for <paramref name="facts"/> facts in all, so a load of known size never rehashes.</summary>
    public void EnsureCapacity(int facts)
    {
        if (_rows.Length < facts) Array.Resize(ref _rows, facts);
        int doublings = 0;
        while ((long)facts * 2 > (long)_index.Length << doublings) doublings++;
        if (doublings > 0) GrowIndex(doublings); // one step: each size on the way would be allocated and rehashed
        _headPs.EnsureCapacity(facts / 2);
        _headPo.EnsureCapacity(facts / 2);
    }

    private static long Pack(int a, int b) => ((long)a << 32) | (uint)b;

    private const int KeyBits = 21;

    /// <summary>Whether every term of the fact fits a packed key.</summary>
    private static bool Fits(int s, int p, int o) => ((uint)s | (uint)p | (uint)o) < 1u << KeyBits;

    /// <summary>The fact as one key, complemented so that 0 (a fresh array's value) means an empty slot.</summary>
    private static long Key(int s, int p, int o) => ~(((long)s << (2 * KeyBits)) | ((long)p << KeyBits) | (uint)o);

    /// <summary>A term number beyond the packed width arrived: membership goes through the rows from now on.</summary>
    private void DropKeys()
    {
        _packed = false;
        _keys = [];
    }

    /// <summary>True while membership probes use packed keys (every term number so far fits 21 bits).</summary>
    internal bool UsesPackedKeys => _packed;

    private static ulong Hash(int s, int p, int o) =>
        ((ulong)(uint)s * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)p * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)(uint)o * 0x165667B19E3779F9UL);

    private int Home(int s, int p, int o) => (int)((Hash(s, p, o) * 0xFF51AFD7ED558CCDUL) >> _indexShift);

    /// <summary>The row holding <paramref name="fact"/>, or -1 when it is not (or no longer) in the store.</summary>
    public int Find(in Fact fact)
    {
        int mask = _index.Length - 1;
        if (_packed)
        {
            if (!Fits(fact.S, fact.P, fact.O)) return -1;
            long key = Key(fact.S, fact.P, fact.O);
            var keys = _keys;
            for (int i = Home(fact.S, fact.P, fact.O); ; i = (i + 1) & mask)
            {
                long k = keys[i];
                if (k == key) return _index[i] - 1;
                if (k == 0) return -1;
            }
        }
        var rows = _rows;
        for (int i = Home(fact.S, fact.P, fact.O); ; i = (i + 1) & mask)
        {
            int slot = _index[i];
            if (slot == 0) return -1;
            ref Row r = ref rows[slot - 1];
            if (r.S == fact.S && r.P == fact.P && r.O == fact.O) return slot - 1;
        }
    }

    /// <summary>Whether the store holds the fact; reads only the packed keys while there are any.</summary>
    public bool Contains(in Fact fact)
    {
        if (!_packed) return Find(fact) >= 0;
        if (!Fits(fact.S, fact.P, fact.O)) return false;
        long key = Key(fact.S, fact.P, fact.O);
        var keys = _keys;
        int mask = keys.Length - 1;
        for (int i = Home(fact.S, fact.P, fact.O); ; i = (i + 1) & mask)
        {
            long k = keys[i];
            if (k == key) return true;
            if (k == 0) return false;
        }
    }

    public bool Add(in Fact fact)
    {
        if (fact.P < 0 || fact.S < 0 || fact.O < 0) throw new ArgumentOutOfRangeException(nameof(fact));
        if ((Count + 1) * 2 > _index.Length) GrowIndex();
        int mask = _index.Length - 1;
        int i = Home(fact.S, fact.P, fact.O);
        for (; ; i = (i + 1) & mask)
        {
            int slot = _index[i];
            if (slot == 0) break;
            ref Row r = ref _rows[slot - 1];
            if (r.S == fact.S && r.P == fact.P && r.O == fact.O) return false;
        }
        if (_rowCount == _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
        int row = _rowCount++;
        _index[i] = row + 1;
        if (_packed)
        {
            if (Fits(fact.S, fact.P, fact.O)) _keys[i] = Key(fact.S, fact.P, fact.O);
            else DropKeys();
        }
        ref Row added = ref _rows[row];
        added.S = fact.S;
        added.P = fact.P;
        added.O = fact.O;
        added.NextPs = _headPs.Set(Pack(fact.P, fact.S), row, -1);
        added.NextPo = _headPo.Set(Pack(fact.P, fact.O), row, -1);
        if (_headP.TryGetValue(fact.P, out int head))
        {
            added.NextP = head;
            _liveP[fact.P]++;
        }
        else
        {
            added.NextP = -1;
            _liveP[fact.P] = 1;
            _predicates = null;
        }
        _headP[fact.P] = row;
        Count++;
        return true;
    }

    /// <summary>
    /// Adds a batch of facts, dropping those already held and repeats within the batch (the first one wins).
    /// Returns the number added; they take rows [<see cref="RowCount"/> before, after) in batch order, with a
    /// dead row left for each fact dropped. With <paramref name="parallel"/>, the work runs on two cores:
    /// the membership table is filled by two threads, each owning the facts of one hash half (so a repeat is
    /// always judged by the thread that saw its first copy, which keeps the result deterministic) and
    /// claiming empty slots by compare-and-swap; then the three lists are threaded by separate threads, each
    /// writing only its own link field of a row. A fixpoint merge of a million facts is otherwise one core's
    /// sequential hash probes.
    /// </summary>
    public int AddBatch(ReadOnlySpan<Fact> facts, bool parallel)
    {
        if (!parallel || facts.Length < ParallelBatch)
        {
            int added = 0;
            foreach (var fact in facts)
                if (Add(fact)) added++;
            return added;
        }
        int first = _rowCount, n = facts.Length;
        while (_rows.Length < first + n) Array.Resize(ref _rows, _rows.Length * 2);
        while ((Count + n) * 2 > _index.Length) GrowIndex();
        for (int i = 0; i < n; i++)
        {
            var fact = facts[i];
            if (fact.P < 0 || fact.S < 0 || fact.O < 0) throw new ArgumentOutOfRangeException(nameof(facts));
            if (_packed && !Fits(fact.S, fact.P, fact.O)) DropKeys();
            ref Row row = ref _rows[first + i];
            row.S = fact.S;
            row.P = fact.P;
            row.O = fact.O;
        }
        _rowCount = first + n;
        int end = first + n;
        var spilled = new[] { new List<int>(), new List<int>() };
        System.Threading.Tasks.Parallel.Invoke(() => IndexHalf(first, end, 0, spilled[0]), () => IndexHalf(first, end, 1, spilled[1]));
        foreach (var rows in spilled)
            foreach (int row in rows) IndexSpilled(row);
        System.Threading.Tasks.Parallel.Invoke(
            () => ThreadList(first, end, subjects: true),
            () => ThreadList(first, end, subjects: false),
            () => ThreadPredicates(first, end));
        int live = 0;
        for (int row = first; row < end; row++)
            if (_rows[row].P >= 0) live++;
        Count += live;
        return live;
    }

    /// <summary>Below this many facts a batch is added on one thread: starting threads would cost more.</summary>
    private const int ParallelBatch = 16_384;

    /// <summary>How many rows ahead a batch prefetches the table slots it will probe.</summary>
    private const int Ahead = 16;

    /// <summary>Asks the processor for the cache line of <c>array[i]</c>; a hint only (it never faults, and a moved array only wastes it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Prefetch<T>(T[] array, int i) where T : unmanaged
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && (uint)i < (uint)array.Length)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(
                ref System.Runtime.CompilerServices.Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), i)));
    }

    // Each thread owns one half of the membership table (slots [lo, hi)) and the facts whose home slot lies
    // in it, so no slot is ever written by two threads and no compare-and-swap is needed: a locked instruction
    // per fact would also stop the processor from overlapping the cache misses of successive facts, which
    // the prefetches below rely on. A probe that would cross out of the half is finished afterwards, on one
    // thread (IndexSpilled). A repeat is always judged by the thread that owns its first copy's home, in
    // row order, so the result is deterministic. Each row is read once into locals: the other thread may
    // mark one of its own rows dead meanwhile, and skips rows outside its half either way.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void IndexHalf(int first, int end, int half, List<int> spilled)
    {
        var rows = _rows;
        var index = _index;
        var keys = _keys;
        bool packed = _packed;
        int lo = half == 0 ? 0 : index.Length / 2, hi = half == 0 ? index.Length / 2 : index.Length;
        for (int row = first; row < end; row++)
        {
            if (row + Ahead < end)
            {
                ref Row next = ref rows[row + Ahead];
                int h = Home(next.S, next.P, next.O);
                if (h >= lo && h < hi)
                {
                    Prefetch(index, h);
                    if (packed) Prefetch(keys, h);
                }
            }
            ref Row r = ref rows[row];
            int s = r.S, p = r.P, o = r.O;
            if (p < 0) continue;
            int i = Home(s, p, o);
            if (i < lo || i >= hi) continue;
            long key = packed ? Key(s, p, o) : 0;
            for (; ; i++)
            {
                if (i == hi)
                {
                    spilled.Add(row);
                    break;
                }
                int slot = index[i];
                if (slot == 0)
                {
                    index[i] = row + 1;
                    if (packed) keys[i] = key;
                    break;
                }
                bool same;
                if (packed) same = keys[i] == key;
                else
                {
                    ref Row held = ref rows[slot - 1];
                    same = held.S == s && held.P == p && held.O == o;
                }
                if (same)
                {
                    r.P = ~p; // a repeat: its row stays dead
                    break;
                }
            }
        }
    }

    /// <summary>Finishes a row whose probe left its thread's half of the table: a plain insert, repeats marked dead.</summary>
    private void IndexSpilled(int row)
    {
        ref Row r = ref _rows[row];
        int mask = _index.Length - 1;
        for (int i = Home(r.S, r.P, r.O); ; i = (i + 1) & mask)
        {
            int slot = _index[i];
            if (slot == 0)
            {
                _index[i] = row + 1;
                if (_packed) _keys[i] = Key(r.S, r.P, r.O);
                return;
            }
            ref Row held = ref _rows[slot - 1];
            if (held.S == r.S && held.P == r.P && held.O == r.O)
            {
                r.P = ~r.P;
                return;
            }
        }
    }

    /// <summary>
    /// Threads the (p, s) or the (p, o) lists through the batch's live rows, as <see cref="Add"/> would one by
    /// one: each row links to the key's previous head. Rows of one key that follow each other (a subject's
    /// facts of one predicate, in a load in SPO order) link to each other directly, with one map update per
    /// run instead of per row; the map slots of the rows ahead are prefetched.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ThreadList(int first, int end, bool subjects)
    {
        var rows = _rows;
        var map = subjects ? _headPs : _headPo;
        long runKey = -1;
        int runLast = -1;
        bool runLong = false;
        for (int row = first; row < end; row++)
        {
            if (row + Ahead < end)
            {
                ref Row next = ref rows[row + Ahead];
                if (next.P >= 0) map.Prefetch(Pack(next.P, subjects ? next.S : next.O));
            }
            ref Row r = ref rows[row];
            if (r.P < 0) continue;
            long key = Pack(r.P, subjects ? r.S : r.O);
            int link;
            if (key == runKey)
            {
                link = runLast;
                runLong = true;
            }
            else
            {
                if (runLong) map.Set(runKey, runLast, -1);
                link = map.Set(key, row, -1);
                runKey = key;
                runLong = false;
            }
            runLast = row;
            if (subjects) r.NextPs = link;
            else r.NextPo = link;
        }
        if (runLong) map.Set(runKey, runLast, -1);
    }

    /// <summary>
    /// Threads the predicate lists through the batch's live rows. Predicates are few: their heads and counts
    /// are kept in a small direct-mapped cache during the batch and written back to the dictionaries when
    /// evicted and at the end, instead of three dictionary operations per row.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ThreadPredicates(int first, int end)
    {
        const int Ways = 256;
        var tag = new int[Ways];
        Array.Fill(tag, -1);
        var head = new int[Ways];
        var live = new int[Ways];
        for (int row = first; row < end; row++)
        {
            ref Row r = ref _rows[row];
            if (r.P < 0) continue;
            int b = r.P & (Ways - 1);
            if (tag[b] != r.P)
            {
                if (tag[b] >= 0) Flush(b);
                tag[b] = r.P;
                head[b] = _headP.TryGetValue(r.P, out int h) ? h : -1;
                live[b] = 0;
            }
            r.NextP = head[b];
            head[b] = row;
            live[b]++;
        }
        for (int b = 0; b < Ways; b++)
            if (tag[b] >= 0) Flush(b);

        void Flush(int b)
        {
            int p = tag[b];
            if (!_headP.ContainsKey(p)) _predicates = null;
            _headP[p] = head[b];
            _liveP[p] = _liveP.GetValueOrDefault(p) + live[b];
        }
    }

    /// <summary>Marks the fact's row dead (its predicate is kept as a complement, so lists can skip it).</summary>
    public bool Remove(in Fact fact)
    {
        int row = Find(fact);
        if (row < 0) return false;
        RemoveFromIndex(row);
        _rows[row].P = ~fact.P;
        _liveP[fact.P]--;
        Count--;
        return true;
    }

    // Linear probing without tombstones: shift later entries of the cluster back into the hole.
    private void RemoveFromIndex(int row)
    {
        int mask = _index.Length - 1;
        ref Row r = ref _rows[row];
        int hole = Home(r.S, r.P, r.O);
        while (_index[hole] != row + 1) hole = (hole + 1) & mask;
        for (int j = (hole + 1) & mask; _index[j] != 0; j = (j + 1) & mask)
        {
            ref Row moved = ref _rows[_index[j] - 1];
            int home = Home(moved.S, moved.P, moved.O);
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (stays) continue;
            _index[hole] = _index[j];
            if (_packed) _keys[hole] = _keys[j];
            hole = j;
        }
        _index[hole] = 0;
        if (_packed) _keys[hole] = 0;
    }

    private void GrowIndex(int doublings = 1)
    {
        _index = new int[_index.Length << doublings];
        if (_packed) _keys = new long[_index.Length];
        _indexShift -= doublings;
        int mask = _index.Length - 1;
        for (int row = 0; row < _rowCount; row++)
        {
            ref Row r = ref _rows[row];
            if (r.P < 0) continue;
            int i = Home(r.S, r.P, r.O);
            while (_index[i] != 0) i = (i + 1) & mask;
            _index[i] = row + 1;
            if (_packed) _keys[i] = Key(r.S, r.P, r.O);
        }
    }

    public bool IsLive(int row) => _rows[row].P >= 0;

    public Fact At(int row)
    {
        ref Row r = ref _rows[row];
        return new Fact(r.S, r.P, r.O);
    }

    public int SubjectAt(int row) => _rows[row].S;
    public int ObjectAt(int row) => _rows[row].O;

    /// <summary>The newest row with predicate p and subject s (maybe dead), or -1; continue with <see cref="NextWithSubject"/>.</summary>
    public int FirstWithSubject(int p, int s) => _headPs.GetValueOrDefault(Pack(p, s), -1);
    public int NextWithSubject(int row) => _rows[row].NextPs;

    public int FirstWithObject(int p, int o) => _headPo.GetValueOrDefault(Pack(p, o), -1);
    public int NextWithObject(int row) => _rows[row].NextPo;

    public int FirstWithPredicate(int p) => _headP.TryGetValue(p, out int row) ? row : -1;
    public int NextWithPredicate(int row) => _rows[row].NextP;

    /// <summary>Live facts with predicate p.</summary>
    public int PredicateCount(int p) => _liveP.TryGetValue(p, out int n) ? n : 0;

    /// <summary>Every predicate ever stored (cached between writes).</summary>
    public int[] Predicates => _predicates ??= [.. _headP.Keys];

    /// <summary>The objects of live facts (s, p, ?o).</summary>
    public IReadOnlyList<int> Objects(int p, int s)
    {
        var list = new List<int>();
        for (int row = FirstWithSubject(p, s); row >= 0; row = _rows[row].NextPs)
            if (_rows[row].P >= 0) list.Add(_rows[row].O);
        return list;
    }

    /// <summary>The subjects of live facts (?s, p, o).</summary>
    public IReadOnlyList<int> Subjects(int p, int o)
    {
        var list = new List<int>();
        for (int row = FirstWithObject(p, o); row >= 0; row = _rows[row].NextPo)
            if (_rows[row].P >= 0) list.Add(_rows[row].S);
        return list;
    }

    /// <summary>True when some live fact (?s, p, o) exists.</summary>
    public bool HasSubject(int p, int o)
    {
        for (int row = FirstWithObject(p, o); row >= 0; row = _rows[row].NextPo)
            if (_rows[row].P >= 0) return true;
        return false;
    }

    /// <summary>The (subject, object) pairs of live facts with predicate p.</summary>
    public List<(int S, int O)> Pairs(int p)
    {
        var list = new List<(int, int)>(PredicateCount(p));
        for (int row = FirstWithPredicate(p); row >= 0; row = _rows[row].NextP)
            if (_rows[row].P >= 0) list.Add((_rows[row].S, _rows[row].O));
        return list;
    }

    /// <summary>The live rows in [from, to).</summary>
    public List<int> LiveRows(int from, int to)
    {
        var list = new List<int>(to - from);
        for (int row = from; row < to; row++)
            if (_rows[row].P >= 0) list.Add(row);
        return list;
    }

    public IEnumerable<Fact> All()
    {
        for (int row = 0; row < _rowCount; row++)
            if (_rows[row].P >= 0) yield return At(row);
    }
}
