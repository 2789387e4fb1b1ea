using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Tests.Sparql;

/// <summary>Wraps a source and counts the quads the evaluator actually pulls, to prove laziness and plan choices.</summary>
internal sealed class CountingQuadSource(IQuadSource inner) : IQuadSource
{
    public long Pulled;
    public int MatchCalls;
    public Action? OnPull { get; set; }

    public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        MatchCalls++;
        foreach (var q in inner.Match(subject, predicate, @object, graph))
        {
            Pulled++;
            OnPull?.Invoke();
            yield return q;
        }
    }

    public IEnumerable<Term> NamedGraphs() => inner.NamedGraphs();

    public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph) =>
        inner.EstimateCount(subject, predicate, @object, graph);
}
