using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>
/// Pending changes over a read-only base (a store snapshot or an in-memory dataset): reads see the base
/// with the changes applied, and <see cref="Additions"/> / <see cref="Removals"/> hold the net change,
/// ready to be committed in one write. Graphs created here that never receive quads are not persisted
/// by stores that do not record empty graphs. Not thread-safe.
/// </summary>
public sealed class OverlayDataset : IUpdatableDataset
{
    private readonly IQuadSource _base;
    private readonly HashSet<Quad> _added = new();
    private readonly HashSet<Quad> _removed = new();
    private readonly HashSet<Term> _created = new();
    // Additions by subject and by predicate, so a pattern with either bound does not scan every addition.
    private readonly Dictionary<Term, HashSet<Quad>> _addedBySubject = new();
    private readonly Dictionary<Term, HashSet<Quad>> _addedByPredicate = new();

    public OverlayDataset(IQuadSource baseSource) => _base = baseSource ?? throw new ArgumentNullException(nameof(baseSource));

    /// <summary>Quads absent from the base that are now present.</summary>
    public IReadOnlyCollection<Quad> Additions => _added;

    /// <summary>Quads of the base that are now absent.</summary>
    public IReadOnlyCollection<Quad> Removals => _removed;

    public bool HasChanges => _added.Count > 0 || _removed.Count > 0;

    public bool Insert(Quad quad)
    {
        if (_added.Contains(quad)) return false;
        if (_removed.Remove(quad)) return true;
        if (InBase(quad)) return false;
        _added.Add(quad);
        Index(_addedBySubject, quad.Subject).Add(quad);
        Index(_addedByPredicate, quad.Predicate).Add(quad);
        return true;
    }

    public bool Delete(Quad quad)
    {
        if (_added.Remove(quad))
        {
            _addedBySubject[quad.Subject].Remove(quad);
            _addedByPredicate[quad.Predicate].Remove(quad);
            return true;
        }
        if (_removed.Contains(quad) || !InBase(quad)) return false;
        _removed.Add(quad);
        return true;
    }

    private static HashSet<Quad> Index(Dictionary<Term, HashSet<Quad>> index, Term key)
    {
        if (!index.TryGetValue(key, out var set)) index[key] = set = new HashSet<Quad>();
        return set;
    }

    /// <summary>The smallest set of additions that holds every match of the pattern.</summary>
    private IEnumerable<Quad> AddedCandidates(Term? subject, Term? predicate)
    {
        IReadOnlyCollection<Quad> best = _added;
        if (subject is not null) best = _addedBySubject.TryGetValue(subject, out var bySubject) ? bySubject : [];
        if (predicate is not null)
        {
            IReadOnlyCollection<Quad> byPredicate = _addedByPredicate.TryGetValue(predicate, out var set) ? set : [];
            if (byPredicate.Count < best.Count) best = byPredicate;
        }
        return best;
    }

    private bool InBase(Quad quad) =>
        _base.Match(quad.Subject, quad.Predicate, quad.Object, quad.Graph is null ? GraphSelector.Default : GraphSelector.Named(quad.Graph)).Any();

    public bool ContainsGraph(Term name) =>
        _created.Contains(name) || Match(null, null, null, GraphSelector.Named(name)).Any();

    public bool CreateGraph(Term name)
    {
        if (ContainsGraph(name)) return false;
        _created.Add(name);
        return true;
    }

    public void ForgetGraph(Term name) => _created.Remove(name);

    public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        var fromBase = _base.Match(subject, predicate, @object, graph);
        if (_removed.Count > 0) fromBase = fromBase.Where(q => !_removed.Contains(q));
        if (_added.Count == 0) return fromBase;
        // Snapshot the additions so a caller may change the overlay after starting to read.
        var added = AddedCandidates(subject, predicate).Where(q => Matches(q, subject, predicate, @object, graph)).ToArray();
        return fromBase.Concat(added);
    }

    private static bool Matches(Quad q, Term? s, Term? p, Term? o, GraphSelector graph)
    {
        if (s is not null && !s.Equals(q.Subject)) return false;
        if (p is not null && !p.Equals(q.Predicate)) return false;
        if (o is not null && !o.Equals(q.Object)) return false;
        return graph.Kind switch
        {
            GraphSelectorKind.DefaultGraph => q.Graph is null,
            GraphSelectorKind.NamedGraph => q.Graph is not null && q.Graph.Equals(graph.Name),
            GraphSelectorKind.AllNamedGraphs => q.Graph is not null,
            _ => true,
        };
    }

    public IEnumerable<Term> NamedGraphs()
    {
        var names = new HashSet<Term>();
        foreach (var g in _base.NamedGraphs())
            if (_removed.Count == 0 || Match(null, null, null, GraphSelector.Named(g)).Any()) names.Add(g);
        foreach (var q in _added)
            if (q.Graph is not null) names.Add(q.Graph);
        return names;
    }

    public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph) =>
        _base.EstimateCount(subject, predicate, @object, graph)
        + (_added.Count == 0 ? 0 : AddedCandidates(subject, predicate).Count(q => Matches(q, subject, predicate, @object, graph)));
}
