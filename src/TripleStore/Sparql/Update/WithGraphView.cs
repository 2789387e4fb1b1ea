using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Update;

/// <summary>
/// The dataset of a WHERE clause under WITH &lt;g&gt; (and no USING): the default graph is graph g,
/// the named graphs stay those of the store (SPARQL 1.1 Update section 3.1.3).
/// </summary>
internal sealed class WithGraphView : IQuadSource
{
    private readonly IQuadSource _source;
    private readonly GraphSelector _with;

    public WithGraphView(IQuadSource source, Iri with)
    {
        _source = source;
        _with = GraphSelector.Named(with);
    }

    public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph) => graph.Kind switch
    {
        GraphSelectorKind.DefaultGraph => MatchDefault(subject, predicate, @object),
        GraphSelectorKind.AllGraphs => MatchDefault(subject, predicate, @object).Concat(_source.Match(subject, predicate, @object, GraphSelector.AllNamed)),
        _ => _source.Match(subject, predicate, @object, graph),
    };

    private IEnumerable<Quad> MatchDefault(Term? s, Term? p, Term? o) =>
        _source.Match(s, p, o, _with).Select(q => q with { Graph = null });

    public IEnumerable<Term> NamedGraphs() => _source.NamedGraphs();

    public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph) => graph.Kind switch
    {
        GraphSelectorKind.DefaultGraph => _source.EstimateCount(subject, predicate, @object, _with),
        GraphSelectorKind.AllGraphs => _source.EstimateCount(subject, predicate, @object, _with) + _source.EstimateCount(subject, predicate, @object, GraphSelector.AllNamed),
        _ => _source.EstimateCount(subject, predicate, @object, graph),
    };
}
