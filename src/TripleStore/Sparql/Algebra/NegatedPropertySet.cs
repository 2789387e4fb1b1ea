using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

/// <summary>!(a|b|^c): any predicate except <see cref="Forward"/> forwards, or except <see cref="Inverse"/> backwards.</summary>
public sealed record NegatedPropertySet(IReadOnlyList<Iri> Forward, IReadOnlyList<Iri> Inverse) : PropertyPath
{
    public override string ToString() =>
        "!(" + string.Join("|", Forward.Select(f => f.ToString()).Concat(Inverse.Select(i => "^" + i))) + ")";
}
