using TripleStore.Rdf;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Numbers the store's 16-byte term ids densely (0, 1, 2, ...) so the fixpoint works on ints; keeps
/// the way back, and whether a number is a literal (literals may not be subjects in the output).
/// </summary>
internal sealed class TermTable
{
    private readonly Dictionary<TermId, int> _numbers = new();
    private readonly List<TermId> _ids = new();
    private readonly List<bool> _isLiteral = new();
    private readonly TermEncoder _encoder = new();
    private readonly Dictionary<TermId, Term> _constants = new();

    public int Count => _ids.Count;

    public int Intern(TermId id)
    {
        if (_numbers.TryGetValue(id, out int n)) return n;
        n = _ids.Count;
        _numbers[id] = n;
        _ids.Add(id);
        _isLiteral.Add(id.IsInline || id.Tag == TermTag.Literal);
        return n;
    }

    /// <summary>The number of a term the rules name (it need not occur in the data).</summary>
    public int Intern(Term term)
    {
        var id = _encoder.Encode(term);
        _constants.TryAdd(id, term);
        return Intern(id);
    }

    public bool TryGetNumber(TermId id, out int number) => _numbers.TryGetValue(id, out number);

    public TermId IdOf(int number) => _ids[number];

    public bool IsLiteral(int number) => _isLiteral[number];

    /// <summary>Terms interned from rule constants, which the store's dictionary may lack.</summary>
    public IReadOnlyDictionary<TermId, Term> Constants => _constants;
}
