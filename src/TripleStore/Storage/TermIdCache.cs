using System.Runtime.CompilerServices;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// A direct-mapped cache from term objects (by reference) to their ids. Readers hand out the same
/// object for a repeated IRI or blank node label, so during an import most terms are found here and
/// skip encoding and hashing altogether.
/// </summary>
internal sealed class TermIdCache
{
    private readonly Term?[] _terms;
    private readonly TermId[] _ids;
    private readonly int _mask;

    public TermIdCache(int bits = 16)
    {
        _terms = new Term?[1 << bits];
        _ids = new TermId[1 << bits];
        _mask = (1 << bits) - 1;
    }

    public bool TryGet(Term term, out TermId id)
    {
        int slot = RuntimeHelpers.GetHashCode(term) & _mask;
        if (ReferenceEquals(_terms[slot], term))
        {
            id = _ids[slot];
            return true;
        }
        id = default;
        return false;
    }

    public void Add(Term term, TermId id)
    {
        int slot = RuntimeHelpers.GetHashCode(term) & _mask;
        _terms[slot] = term;
        _ids[slot] = id;
    }
}
