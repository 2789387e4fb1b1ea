using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

public sealed record PredicatePath(Iri Predicate) : PropertyPath
{
    public override string ToString() => Predicate.ToString();
}
