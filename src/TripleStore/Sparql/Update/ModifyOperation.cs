using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Update;

/// <summary>
/// DELETE/INSERT ... WHERE (and the DELETE WHERE shorthand): for each solution of <see cref="Where"/>,
/// the instantiated <see cref="Delete"/> triples are removed and the <see cref="Insert"/> triples added.
/// </summary>
public sealed record ModifyOperation(
    Iri? With,
    IReadOnlyList<QuadTemplate> Delete,
    IReadOnlyList<QuadTemplate> Insert,
    IReadOnlyList<Iri> Using,
    IReadOnlyList<Iri> UsingNamed,
    GraphPattern Where) : UpdateOperation;
