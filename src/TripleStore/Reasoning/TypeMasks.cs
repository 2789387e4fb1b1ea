using System.Numerics;

namespace TripleStore.Reasoning;

/// <summary>
/// The <c>rdf:type</c> facts of the working set as bit masks: up to <see cref="MaxClasses"/> classes get a
/// bit each, and every term two 64-bit words saying which of those classes it is a member of. Asking
/// whether <c>x rdf:type C</c> holds then reads a word of a small array (a resource's types, most often
/// already in the cache since the resource was just bound) instead of probing the fact table's hash of
/// millions of slots; and asking which of a whole set of classes x still lacks is one AND. Type facts are
/// most of what the OWL 2 RL and RDFS rules derive on instance data, and most of their firings re-derive a
/// known type.
/// The masks follow the store by row: <see cref="Sync"/> reads the rows appended since the last call (a
/// sequential pass over the delta), and the reasoner reports each removed fact to <see cref="Removed"/>, so
/// after a sync a class's bit is set exactly when the fact is live; during rule tasks, bits are also set as
/// type facts are emitted (<see cref="Claim"/>), so the masks then hold the store and what this iteration adds to it. Classes beyond the limit keep no bit;
/// their facts are looked up in the store as before. Read-only between syncs, so rule tasks read it in parallel.
/// </summary>
internal sealed class TypeMasks
{
    public const int MaxClasses = 128;
    private readonly int _type;
    private ulong[] _low = new ulong[1024];
    private ulong[] _high = new ulong[1024];
    private readonly Dictionary<int, int> _bitOf = new();
    private readonly int[] _classOf = new int[MaxClasses];
    private int _syncedRows;

    public TypeMasks(int type) => _type = type;

    /// <summary>The term number of rdf:type (as a representative).</summary>
    public int Type => _type;

    /// <summary>Classes holding a bit.</summary>
    public int Classes => _bitOf.Count;

    /// <summary>The class of bit <paramref name="bit"/>.</summary>
    public int ClassOf(int bit) => _classOf[bit];

    /// <summary>The bit of <paramref name="c"/>, giving it the next free one; -1 when all are taken.</summary>
    public int EnsureBit(int c)
    {
        if (_bitOf.TryGetValue(c, out int bit)) return bit;
        if (_bitOf.Count == MaxClasses) return -1;
        bit = _bitOf.Count;
        _bitOf[c] = bit;
        _classOf[bit] = c;
        return bit;
    }

    /// <summary>The bit of <paramref name="c"/>, or -1.</summary>
    public int BitOf(int c) => _bitOf.TryGetValue(c, out int bit) ? bit : -1;

    /// <summary>The classes with bits in the low word that <paramref name="term"/> is a member of.</summary>
    public ulong Low(int term) => (uint)term < (uint)_low.Length ? _low[term] : 0;

    /// <summary>The classes with bits in the high word that <paramref name="term"/> is a member of.</summary>
    public ulong High(int term) => (uint)term < (uint)_high.Length ? _high[term] : 0;

    /// <summary>Whether the store held <c>term rdf:type (class of bit)</c> at the last sync.</summary>
    public bool Has(int term, int bit) =>
        bit < 64 ? (Low(term) & (1UL << bit)) != 0 : (High(term) & (1UL << (bit - 64))) != 0;

    /// <summary>Brings the masks up to the store's rows: sets the bits of the live type facts appended since the last call.</summary>
    public void Sync(FactStore store)
    {
        int end = store.RowCount;
        for (int row = _syncedRows; row < end; row++)
        {
            if (!store.IsLive(row)) continue;
            var fact = store.At(row);
            if (fact.P != _type) continue;
            int bit = EnsureBit(fact.O);
            if (bit >= 0) Set(fact.S, bit, true);
        }
        _syncedRows = end;
    }

    /// <summary>Makes room for terms numbered below <paramref name="terms"/>, so rule tasks never grow the arrays.</summary>
    public void EnsureTerms(int terms)
    {
        if (terms <= _low.Length) return;
        int size = (int)Math.Min(Math.Max(terms, (long)_low.Length * 2), Array.MaxLength);
        Array.Resize(ref _low, size);
        Array.Resize(ref _high, size);
    }

    /// <summary>
    /// Marks <paramref name="term"/> a member of the classes of <paramref name="low"/>/<paramref name="high"/> and
    /// returns those it was not yet known (held or claimed) to be a member of: the caller emits exactly those.
    /// Atomic, so each type fact is emitted once per iteration over all workers. A claimed fact must reach
    /// the store (the caller's buffer is merged); if the iteration is abandoned the masks are dropped.
    /// </summary>
    public (ulong Low, ulong High) Claim(int term, ulong low, ulong high)
    {
        if ((uint)term >= (uint)_low.Length) return (low, high);
        ulong newLow = 0, newHigh = 0;
        if (low != 0 && (low & ~Volatile.Read(ref _low[term])) != 0) newLow = low & ~Interlocked.Or(ref _low[term], low);
        if (high != 0 && (high & ~Volatile.Read(ref _high[term])) != 0) newHigh = high & ~Interlocked.Or(ref _high[term], high);
        return (newLow, newHigh);
    }

    /// <summary>
    /// As <see cref="Claim(int, ulong, ulong)"/>, and when some class was new, the term's whole masks read after
    /// the claim (<paramref name="allLow"/>/<paramref name="allHigh"/>, else 0). Of two workers claiming classes
    /// for one term at once, the later claim's read sees the earlier one's bits (interlocked operations are
    /// ordered and fence the reads after them), so a set of classes completed by the two is seen whole by one.
    /// </summary>
    public (ulong Low, ulong High) Claim(int term, ulong low, ulong high, out ulong allLow, out ulong allHigh)
    {
        var (newLow, newHigh) = Claim(term, low, high);
        allLow = allHigh = 0;
        if ((newLow | newHigh) != 0 && (uint)term < (uint)_low.Length)
        {
            allLow = Volatile.Read(ref _low[term]);
            allHigh = Volatile.Read(ref _high[term]);
        }
        return (newLow, newHigh);
    }

    /// <summary>A fact left the store (its row is dead): clears its bit.</summary>
    public void Removed(in Fact fact)
    {
        if (fact.P != _type) return;
        int bit = BitOf(fact.O);
        if (bit >= 0 && (uint)fact.S < (uint)_low.Length) Set(fact.S, bit, false);
    }

    private void Set(int term, int bit, bool on)
    {
        if (term < 0) return;
        if (term >= _low.Length)
        {
            int size = Math.Max(term + 1, (int)Math.Min((long)_low.Length * 2, Array.MaxLength));
            Array.Resize(ref _low, size);
            Array.Resize(ref _high, size);
        }
        ref ulong word = ref bit < 64 ? ref _low[term] : ref _high[term];
        ulong mask = 1UL << (bit & 63);
        word = on ? word | mask : word & ~mask;
    }

    /// <summary>The number of classes in a pair of mask words.</summary>
    public static int Count(ulong low, ulong high) => BitOperations.PopCount(low) + BitOperations.PopCount(high);
}
