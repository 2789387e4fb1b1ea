using TripleStore.Rdf;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Numbers the store's 16-byte term ids densely (0, 1, 2, ...) so the fixpoint works on ints; keeps
/// the way back, and whether a number is a literal (literals may not be subjects in the output).
/// The lookup is an open-addressing table over the numbers themselves (the ids live once, in number
/// order): a load interns three ids per triple, millions of times, and a <c>Dictionary</c> entry per term
/// costs a 32-byte entry, a bucket and a comparer call where this costs one int slot and one id compare.
/// </summary>
internal sealed class TermTable
{
    private TermId[] _ids = new TermId[1024];
    private bool[] _isLiteral = new bool[1024];
    private int _count;
    private int[] _slots = new int[2048]; // number + 1, 0 = empty
    private int _shift = 64 - 11;
    private readonly TermEncoder _encoder = new();
    private readonly Dictionary<TermId, Term> _constants = new();

    public int Count => _count;

    private int Home(in TermId id) =>
        (int)(((id.High * 0x9E3779B97F4A7C15UL) ^ (id.Low * 0xC2B2AE3D27D4EB4FUL)) * 0xFF51AFD7ED558CCDUL >> _shift);

    // A direct-mapped cache of terms met again (not of first sightings, so a stream of one-off literals does
    // not evict them): the predicates and the classes of rdf:type objects come back on most keys of a scan, and
    // here cost one look at a 24 KB array that stays in the first-level cache, where the table costs two
    // dependent misses (its slot, then the id).
    private const int RecentBits = 10;
    private readonly Recent[] _recent = new Recent[1 << RecentBits];

    private struct Recent
    {
        public ulong High, Low;
        public int Number; // number + 1, 0 = empty
    }

    /// <summary>
    /// As <see cref="Intern(TermId)"/>, first looking in a small cache of terms met more than once: for scans
    /// where a few terms (predicates, classes) make up most lookups.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int InternRecent(in TermId id)
    {
        ref Recent entry = ref _recent[(int)(((id.High ^ id.Low) * 0x9E3779B97F4A7C15UL) >> (64 - RecentBits))];
        if (entry.Low == id.Low && entry.High == id.High && entry.Number != 0) return entry.Number - 1;
        return InternAndRemember(id, ref entry);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int InternAndRemember(TermId id, ref Recent entry)
    {
        int before = _count;
        int n = Intern(id);
        if (n < before)
        {
            entry.High = id.High;
            entry.Low = id.Low;
            entry.Number = n + 1;
        }
        return n;
    }

    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Intern(TermId id)
    {
        int mask = _slots.Length - 1;
        int i = Home(id);
        for (; ; i = (i + 1) & mask)
        {
            int slot = _slots[i];
            if (slot == 0) break;
            ref TermId held = ref _ids[slot - 1];
            if (held.Low == id.Low && held.High == id.High) return slot - 1;
        }
        int n = _count;
        if (n == _ids.Length)
        {
            Array.Resize(ref _ids, n * 2);
            Array.Resize(ref _isLiteral, n * 2);
        }
        _ids[n] = id;
        _isLiteral[n] = id.IsInline || id.Tag == TermTag.Literal;
        _count = n + 1;
        _slots[i] = n + 1;
        if (_count * 2 > _slots.Length) Grow();
        return n;
    }

    /// <summary>Makes room for <paramref name="terms"/> terms in all, so a load of known size never rehashes.</summary>
    public void EnsureCapacity(int terms)
    {
        if (terms > _ids.Length)
        {
            Array.Resize(ref _ids, terms);
            Array.Resize(ref _isLiteral, terms);
        }
        int doublings = 0;
        while ((long)terms * 2 > (long)_slots.Length << doublings) doublings++;
        if (doublings > 0) Grow(doublings); // one step: each size on the way would be allocated and rehashed
    }

    private void Grow(int doublings = 1)
    {
        _slots = new int[_slots.Length << doublings];
        _shift -= doublings;
        int mask = _slots.Length - 1;
        for (int n = 0; n < _count; n++)
        {
            int i = Home(_ids[n]);
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = n + 1;
        }
    }

    /// <summary>The number of a term the rules name (it need not occur in the data).</summary>
    public int Intern(Term term)
    {
        var id = _encoder.Encode(term);
        _constants.TryAdd(id, term);
        return Intern(id);
    }

    public bool TryGetNumber(TermId id, out int number)
    {
        int mask = _slots.Length - 1;
        for (int i = Home(id); ; i = (i + 1) & mask)
        {
            int slot = _slots[i];
            if (slot == 0) break;
            if (_ids[slot - 1] == id)
            {
                number = slot - 1;
                return true;
            }
        }
        number = -1;
        return false;
    }

    public TermId IdOf(int number) => (uint)number < (uint)_count ? _ids[number] : throw new ArgumentOutOfRangeException(nameof(number));

    public bool IsLiteral(int number) => (uint)number < (uint)_count ? _isLiteral[number] : throw new ArgumentOutOfRangeException(nameof(number));

    /// <summary>Terms interned from rule constants, which the store's dictionary may lack.</summary>
    public IReadOnlyDictionary<TermId, Term> Constants => _constants;
}
