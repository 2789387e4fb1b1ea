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

    // Kept beside the dictionary because ConcurrentDictionary.Count takes every one of its locks: asked on
    // each Add, it was two thirds of a first query that decodes 100K new terms. Approximate under races
    // (a Clear racing an Add), which only moves the moment the cache starts over.
    private int _count;

    public TermCache(int capacity) => _capacity = capacity;

    /// <summary>Terms held now (approximate while other threads add).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGet(TermId id, out Term term) => _terms.TryGetValue(id, out term!);

    public void Add(TermId id, Term term)
    {
        if (Volatile.Read(ref _count) >= _capacity)
        {
            _terms.Clear();
            Volatile.Write(ref _count, 0);
        }
        if (_terms.TryAdd(id, term)) Interlocked.Increment(ref _count);
    }
}
