using TripleStore.Rdf;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Numbers the store's 16-byte term ids densely (0, 1, 2, ...) so the fixpoint works on ints; keeps
/// the way back, and whether a number is a literal (literals may not be subjects in the output).
/// The lookup is an open-addressing table whose slots hold the id itself next to its number: a load interns
/// three ids per triple, millions of times, and a probe then touches one cache line (a table of numbers
/// pointing into the id array cost a second miss per lookup). A scan can ask for a slot's line ahead of
/// time (<see cref="Prefetch"/>), so the misses of successive keys overlap.
/// </summary>
internal sealed class TermTable
{
    private struct Slot
    {
        public ulong High, Low;
        public int Number; // number + 1, 0 = empty
    }

    private TermId[] _ids = new TermId[1024];
    private bool[] _isLiteral = new bool[1024];
    private int _count;
    private Slot[] _slots = new Slot[2048];
    private int _shift = 64 - 11;
    private readonly TermEncoder _encoder = new();
    private readonly Dictionary<TermId, Term> _constants = new();

    public int Count => _count;

    private static int Home(in TermId id, int shift) =>
        (int)(((id.High * 0x9E3779B97F4A7C15UL) ^ (id.Low * 0xC2B2AE3D27D4EB4FUL)) * 0xFF51AFD7ED558CCDUL >> shift);

    /// <summary>Asks the processor for the slot line <paramref name="id"/> hashes to; a hint only.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Prefetch(in TermId id) => FactStore.Prefetch(_slots, Home(id, _shift));

    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Intern(TermId id)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = Home(id, _shift);
        ulong high = id.High, low = id.Low;
        for (; ; i = (i + 1) & mask)
        {
            ref Slot slot = ref slots[i];
            if (slot.Number == 0) break;
            if (slot.Low == low && slot.High == high) return slot.Number - 1;
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
        ref Slot free = ref slots[i];
        free.High = high;
        free.Low = low;
        free.Number = n + 1;
        if (_count * 2 > slots.Length) Grow();
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
        while (terms * 2 > _slots.Length) Grow();
    }

    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        _shift--;
        int mask = slots.Length - 1;
        for (int n = 0; n < _count; n++)
        {
            ref readonly TermId id = ref _ids[n];
            int i = Home(id, _shift);
            while (slots[i].Number != 0) i = (i + 1) & mask;
            slots[i] = new Slot { High = id.High, Low = id.Low, Number = n + 1 };
        }
        _slots = slots;
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
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int i = Home(id, _shift); ; i = (i + 1) & mask)
        {
            ref Slot slot = ref slots[i];
            if (slot.Number == 0) break;
            if (slot.Low == id.Low && slot.High == id.High)
            {
                number = slot.Number - 1;
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
