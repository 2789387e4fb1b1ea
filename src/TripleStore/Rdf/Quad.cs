namespace TripleStore.Rdf;

/// <summary>
/// A triple in a graph. <see cref="Graph"/> is null for the default graph, else an IRI or a blank node.
/// </summary>
public readonly record struct Quad(Term Subject, Iri Predicate, Term Object, Term? Graph = null)
{
    public bool IsInDefaultGraph => Graph is null;

    public Triple Triple => new(Subject, Predicate, Object);

    public override string ToString() =>
        Graph is null ? $"{Subject} {Predicate} {Object} ." : $"{Subject} {Predicate} {Object} {Graph} .";
}
