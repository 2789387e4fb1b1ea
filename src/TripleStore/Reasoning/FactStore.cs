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

    /// <summary>Makes room for <paramref name="facts"/> facts in all, so a load of known size never rehashes.</summary>
    public void EnsureCapacity(int facts)
    {
        if (_rows.Length < facts) Array.Resize(ref _rows, facts);
        while ((long)facts * 2 > _index.Length) GrowIndex();
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
        System.Threading.Tasks.Parallel.Invoke(() => IndexHalf(first, end, 0), () => IndexHalf(first, end, 1));
        System.Threading.Tasks.Parallel.Invoke(
            () =>
            {
                for (int row = first; row < end; row++)
                {
                    ref Row r = ref _rows[row];
                    if (r.P >= 0) r.NextPs = _headPs.Set(Pack(r.P, r.S), row, -1);
                }
            },
            () =>
            {
                for (int row = first; row < end; row++)
                {
                    ref Row r = ref _rows[row];
                    if (r.P >= 0) r.NextPo = _headPo.Set(Pack(r.P, r.O), row, -1);
                }
            },
            () => ThreadPredicates(first, end));
        int live = 0;
        for (int row = first; row < end; row++)
            if (_rows[row].P >= 0) live++;
        Count += live;
        return live;
    }

    /// <summary>Below this many facts a batch is added on one thread: starting threads would cost more.</summary>
    private const int ParallelBatch = 16_384;

    // Insertion only, so a slot once claimed never changes during the batch: a failed compare-and-swap just
    // means another thread took the slot first, and probing goes on from it. Each row is read once into
    // locals: the other thread may mark it dead meanwhile, and its half must not change under the reader.
    private void IndexHalf(int first, int end, int half)
    {
        var rows = _rows;
        var index = _index;
        var keys = _keys;
        bool packed = _packed;
        int mask = index.Length - 1;
        for (int row = first; row < end; row++)
        {
            ref Row r = ref rows[row];
            int s = r.S, p = r.P, o = r.O;
            if (p < 0) continue;
            ulong hash = Hash(s, p, o);
            if ((int)(hash >> 63) != half) continue;
            for (int i = (int)((hash * 0xFF51AFD7ED558CCDUL) >> _indexShift); ; i = (i + 1) & mask)
            {
                int slot = Volatile.Read(ref index[i]);
                if (slot == 0)
                {
                    slot = Interlocked.CompareExchange(ref index[i], row + 1, 0);
                    if (slot == 0)
                    {
                        // The slot is this thread's now; its key is read only after the batch.
                        if (packed) keys[i] = Key(s, p, o);
                        break;
                    }
                }
                ref Row held = ref rows[slot - 1];
                if (held.S == s && held.P == p && held.O == o)
                {
                    r.P = ~p; // a repeat: its row stays dead
                    break;
                }
            }
        }
    }

    private void ThreadPredicates(int first, int end)
    {
        for (int row = first; row < end; row++)
        {
            ref Row r = ref _rows[row];
            if (r.P < 0) continue;
            ref int head = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_headP, r.P, out bool exists);
            if (exists)
            {
                r.NextP = head;
                _liveP[r.P]++;
            }
            else
            {
                r.NextP = -1;
                _liveP[r.P] = 1;
                _predicates = null;
            }
            head = row;
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

    private void GrowIndex()
    {
        _index = new int[_index.Length * 2];
        if (_packed) _keys = new long[_index.Length];
        _indexShift--;
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
