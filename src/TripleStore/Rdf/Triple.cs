namespace TripleStore.Rdf;

/// <summary>An RDF triple. The subject is an IRI or a blank node, the predicate an IRI.</summary>
public readonly record struct Triple(Term Subject, Iri Predicate, Term Object)
{
    public Quad InGraph(Term? graph) => new(Subject, Predicate, Object, graph);

    public override string ToString() => $"{Subject} {Predicate} {Object} .";
}
