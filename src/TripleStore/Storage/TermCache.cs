using System.Collections.Concurrent;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Decoded dictionary terms, so a scan that meets the same predicate or class a million times reads it
/// once. Bounded: when full it starts over, which is cheap and keeps memory flat on long scans.
/// </summary>
internal sealed class TermCache
{
    private readonly ConcurrentDictionary<TermId, Term> _terms = new();
    private readonly int _capacity;

    public TermCache(int capacity) => _capacity = capacity;

    public bool TryGet(TermId id, out Term term) => _terms.TryGetValue(id, out term!);

    public void Add(TermId id, Term term)
    {
        if (_terms.Count >= _capacity) _terms.Clear();
        _terms[id] = term;
    }
}
