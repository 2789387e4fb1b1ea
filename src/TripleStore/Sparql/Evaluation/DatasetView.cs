using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// The RDF dataset of a query over a store (section 13): FROM graphs merged into the default graph,
/// FROM NAMED graphs as the only named graphs; or the default graph as the union of all graphs.
/// </summary>
internal sealed class DatasetView : IQuadSource
{
    private readonly IQuadSource _store;
    private readonly IReadOnlyList<Term>? _defaultGraphs;   // null: the store's default graph
    private readonly IReadOnlyList<Term>? _namedGraphs;     // null: the store's named graphs
    private readonly HashSet<Term>? _namedSet;
    private readonly bool _unionDefault;

    private DatasetView(IQuadSource store, IReadOnlyList<Term>? defaults, IReadOnlyList<Term>? named, bool unionDefault)
    {
        _store = store;
        _defaultGraphs = defaults;
        _namedGraphs = named;
        _namedSet = named is null ? null : new HashSet<Term>(named);
        _unionDefault = unionDefault;
    }

    public static IQuadSource For(IQuadSource store, SparqlQuery query, QueryOptions options)
    {
        if (options.DefaultGraphs is not null || options.NamedGraphs is not null)
            return new DatasetView(store, (options.DefaultGraphs ?? []).Distinct().ToList<Term>(), (options.NamedGraphs ?? []).Distinct().ToList<Term>(), false);
        if (query.HasDatasetClause)
            return new DatasetView(store, query.DefaultGraphs.Distinct().ToList<Term>(), query.NamedGraphs.Distinct().ToList<Term>(), false);
        if (options.DefaultGraphAsUnion) return new DatasetView(store, null, null, true);
        return store;
    }

    public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        switch (graph.Kind)
        {
            case GraphSelectorKind.DefaultGraph:
                return MatchDefault(subject, predicate, @object);
            case GraphSelectorKind.NamedGraph:
                return _namedSet is null || _namedSet.Contains(graph.Name!)
                    ? _store.Match(subject, predicate, @object, graph)
                    : Enumerable.Empty<Quad>();
            case GraphSelectorKind.AllNamedGraphs:
                return _namedGraphs is null
                    ? _store.Match(subject, predicate, @object, graph)
                    : _namedGraphs.SelectMany(g => _store.Match(subject, predicate, @object, GraphSelector.Named(g)));
            default:
                return MatchDefault(subject, predicate, @object).Concat(Match(subject, predicate, @object, GraphSelector.AllNamed));
        }
    }

    private IEnumerable<Quad> MatchDefault(Term? s, Term? p, Term? o)
    {
        if (_unionDefault) return Distinct(_store.Match(s, p, o, GraphSelector.All));
        if (_defaultGraphs is null) return _store.Match(s, p, o, GraphSelector.Default);
        if (_defaultGraphs.Count == 1) return _store.Match(s, p, o, GraphSelector.Named(_defaultGraphs[0])).Select(q => q with { Graph = null });
        return Distinct(_defaultGraphs.SelectMany(g => _store.Match(s, p, o, GraphSelector.Named(g))));
    }

    // The merge of graphs is a set of triples: a triple in two graphs appears once in the default graph.
    private static IEnumerable<Quad> Distinct(IEnumerable<Quad> quads)
    {
        var seen = new HashSet<Triple>();
        foreach (var q in quads)
            if (seen.Add(q.Triple)) yield return q with { Graph = null };
    }

    public IEnumerable<Term> NamedGraphs() =>
        _namedGraphs is null ? _store.NamedGraphs() : _namedGraphs.Where(g => _store.EstimateCount(null, null, null, GraphSelector.Named(g)) > 0);

    public double EstimateFanout(Term? subject, Term? predicate, Term? @object, GraphSelector graph, bool subjectLater, bool predicateLater, bool objectLater) =>
        graph.Kind == GraphSelectorKind.DefaultGraph && _defaultGraphs is null && !_unionDefault
            ? _store.EstimateFanout(subject, predicate, @object, graph, subjectLater, predicateLater, objectLater)
            : ((IQuadSource)new EstimateOnly(this)).EstimateFanout(subject, predicate, @object, graph, subjectLater, predicateLater, objectLater);

    public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        switch (graph.Kind)
        {
            case GraphSelectorKind.DefaultGraph:
                if (_unionDefault) return _store.EstimateCount(subject, predicate, @object, GraphSelector.All);
                if (_defaultGraphs is null) return _store.EstimateCount(subject, predicate, @object, GraphSelector.Default);
                return _defaultGraphs.Sum(g => _store.EstimateCount(subject, predicate, @object, GraphSelector.Named(g)));
            case GraphSelectorKind.NamedGraph:
                return _namedSet is null || _namedSet.Contains(graph.Name!) ? _store.EstimateCount(subject, predicate, @object, graph) : 0;
            case GraphSelectorKind.AllNamedGraphs:
                return _namedGraphs is null
                    ? _store.EstimateCount(subject, predicate, @object, graph)
                    : _namedGraphs.Sum(g => _store.EstimateCount(subject, predicate, @object, GraphSelector.Named(g)));
            default:
                return EstimateCount(subject, predicate, @object, GraphSelector.Default) + EstimateCount(subject, predicate, @object, GraphSelector.AllNamed);
        }
    }

    // The interface's default estimate, over this view's counts.
    private sealed class EstimateOnly(DatasetView view) : IQuadSource
    {
        public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph) => view.Match(subject, predicate, @object, graph);
        public IEnumerable<Term> NamedGraphs() => view.NamedGraphs();
        public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph) => view.EstimateCount(subject, predicate, @object, graph);
    }
}
