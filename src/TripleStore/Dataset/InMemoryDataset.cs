using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>
/// An <see cref="IQuadSource"/> over quads held in memory, with hash indexes on subject, predicate and
/// object per graph. Duplicate quads are kept once. Meant for tests, the conformance runner and small
/// data; not thread-safe for writes while queries run.
/// </summary>
public sealed class InMemoryDataset : IQuadSource
{
    private readonly GraphIndex _defaultGraph = new();
    private readonly Dictionary<Term, GraphIndex> _namedGraphs = new();

    public InMemoryDataset() { }

    public InMemoryDataset(IEnumerable<Quad> quads) => AddRange(quads);

    /// <summary>The number of distinct quads.</summary>
    public long Count { get; private set; }

    /// <summary>Adds a quad; returns false when it was already present.</summary>
    public bool Add(Quad quad)
    {
        GraphIndex index;
        if (quad.Graph is null) index = _defaultGraph;
        else if (!_namedGraphs.TryGetValue(quad.Graph, out index!))
            _namedGraphs[quad.Graph] = index = new GraphIndex();
        if (!index.Add(quad.Triple)) return false;
        Count++;
        return true;
    }

    public void AddRange(IEnumerable<Quad> quads)
    {
        foreach (var q in quads) Add(q);
    }

    public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        switch (graph.Kind)
        {
            case GraphSelectorKind.DefaultGraph:
                return _defaultGraph.Match(subject, predicate, @object).Select(t => t.InGraph(null));
            case GraphSelectorKind.NamedGraph:
                return _namedGraphs.TryGetValue(graph.Name!, out var g)
                    ? g.Match(subject, predicate, @object).Select(t => t.InGraph(graph.Name))
                    : Enumerable.Empty<Quad>();
            case GraphSelectorKind.AllNamedGraphs:
                return MatchNamed(subject, predicate, @object);
            default:
                return _defaultGraph.Match(subject, predicate, @object).Select(t => t.InGraph(null))
                    .Concat(MatchNamed(subject, predicate, @object));
        }
    }

    private IEnumerable<Quad> MatchNamed(Term? s, Term? p, Term? o)
    {
        foreach (var (name, index) in _namedGraphs.ToArray())
            foreach (var t in index.Match(s, p, o))
                yield return t.InGraph(name);
    }

    public IEnumerable<Term> NamedGraphs() => _namedGraphs.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToArray();

    public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph) => graph.Kind switch
    {
        GraphSelectorKind.DefaultGraph => _defaultGraph.Estimate(subject, predicate, @object),
        GraphSelectorKind.NamedGraph => _namedGraphs.TryGetValue(graph.Name!, out var g) ? g.Estimate(subject, predicate, @object) : 0,
        GraphSelectorKind.AllNamedGraphs => _namedGraphs.Values.Sum(g => g.Estimate(subject, predicate, @object)),
        _ => _defaultGraph.Estimate(subject, predicate, @object) + _namedGraphs.Values.Sum(g => g.Estimate(subject, predicate, @object)),
    };

    private sealed class GraphIndex
    {
        private static readonly List<Triple> None = new();
        private readonly HashSet<Triple> _all = new();
        private readonly List<Triple> _ordered = new();
        private readonly Dictionary<Term, List<Triple>> _bySubject = new();
        private readonly Dictionary<Term, List<Triple>> _byPredicate = new();
        private readonly Dictionary<Term, List<Triple>> _byObject = new();

        public int Count => _all.Count;

        public bool Add(Triple t)
        {
            if (!_all.Add(t)) return false;
            _ordered.Add(t);
            Append(_bySubject, t.Subject, t);
            Append(_byPredicate, t.Predicate, t);
            Append(_byObject, t.Object, t);
            return true;
        }

        private static void Append(Dictionary<Term, List<Triple>> index, Term key, Triple t)
        {
            if (!index.TryGetValue(key, out var list)) index[key] = list = new List<Triple>();
            list.Add(t);
        }

        /// <summary>The smallest candidate list among the bound positions (all triples when none is bound).</summary>
        private List<Triple> Candidates(Term? s, Term? p, Term? o)
        {
            var best = _ordered;
            if (s is not null) best = Smaller(best, _bySubject.GetValueOrDefault(s) ?? None);
            if (p is not null) best = Smaller(best, _byPredicate.GetValueOrDefault(p) ?? None);
            if (o is not null) best = Smaller(best, _byObject.GetValueOrDefault(o) ?? None);
            return best;
        }

        private static List<Triple> Smaller(List<Triple> a, List<Triple> b) => b.Count < a.Count ? b : a;

        public IEnumerable<Triple> Match(Term? s, Term? p, Term? o)
        {
            if (s is not null && p is not null && o is not null)
            {
                if (p is Iri pi && _all.Contains(new Triple(s, pi, o))) yield return new Triple(s, pi, o);
                yield break;
            }
            var candidates = Candidates(s, p, o);
            // Index by position so that adding while a query enumerates fails loudly rather than silently.
            for (int i = 0; i < candidates.Count; i++)
            {
                var t = candidates[i];
                if ((s is null || s.Equals(t.Subject)) && (p is null || p.Equals(t.Predicate)) && (o is null || o.Equals(t.Object)))
                    yield return t;
            }
        }

        public long Estimate(Term? s, Term? p, Term? o)
        {
            if (s is not null && p is not null && o is not null)
                return p is Iri pi && _all.Contains(new Triple(s, pi, o)) ? 1 : 0;
            return Candidates(s, p, o).Count;
        }
    }
}
