using TripleStore.Rdf;

namespace TripleStore.Reasoning;

/// <summary>
/// A rule whose head is <c>false</c> matched: the data contradicts the ontology. Reported, never thrown;
/// <see cref="Terms"/> are the rule's bound variables in the order the rule names them.
/// </summary>
public sealed record Inconsistency(string Rule, IReadOnlyList<Term> Terms, string Message)
{
    public override string ToString() => $"{Rule}: {Message} ({string.Join(", ", Terms)})";
}
