using System.Collections;
using TripleStore.Rdf;

namespace TripleStore.Sparql;

/// <summary>The triples of a CONSTRUCT or DESCRIBE, computed lazily and without duplicates.</summary>
public sealed class GraphResult : SparqlResult, IEnumerable<Triple>
{
    private readonly Func<IEnumerable<Triple>> _triples;

    internal GraphResult(Func<IEnumerable<Triple>> triples, Evaluation.PlanNode? root) : base(root) => _triples = triples;

    public IEnumerator<Triple> GetEnumerator() => _triples().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
