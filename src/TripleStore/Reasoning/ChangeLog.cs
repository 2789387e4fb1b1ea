using TripleStore.Rdf;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// The default-graph triples whose presence changed since the last materialization, each with its final
/// state (last write wins), or a note that something happened that is not worth tracking triple by triple
/// (a bulk import, a cleared graph): then the next run recomputes in full.
/// </summary>
internal sealed class ChangeLog
{
    private const int TrackingLimit = 1_000_000;
    private readonly Dictionary<(TermId S, TermId P, TermId O), bool> _changes = new();
    private readonly TermEncoder _encoder = new();

    public bool NeedsFull { get; private set; }
    public bool IsEmpty => _changes.Count == 0 && !NeedsFull;
    public IReadOnlyDictionary<(TermId S, TermId P, TermId O), bool> Changes => _changes;

    /// <summary>Records an applied write: removals first, then additions, as the store applies them.</summary>
    public void Record(IEnumerable<Quad> removals, IEnumerable<Quad> additions)
    {
        foreach (var quad in removals) Note(quad, present: false);
        foreach (var quad in additions) Note(quad, present: true);
    }

    private void Note(in Quad quad, bool present)
    {
        if (quad.Graph is not null || quad.Subject is Literal || NeedsFull) return;
        if (_changes.Count >= TrackingLimit)
        {
            MarkNeedsFull();
            return;
        }
        _changes[(_encoder.Encode(quad.Subject), _encoder.Encode(quad.Predicate), _encoder.Encode(quad.Object))] = present;
    }

    public void MarkNeedsFull()
    {
        NeedsFull = true;
        _changes.Clear();
    }

    public void Reset()
    {
        NeedsFull = false;
        _changes.Clear();
    }
}
