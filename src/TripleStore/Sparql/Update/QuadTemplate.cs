using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Update;

/// <summary>A triple of an update template or data block, in the default graph (<see cref="Graph"/> null) or a named graph.</summary>
public sealed record QuadTemplate(TermPattern Subject, TermPattern Predicate, TermPattern Object, TermPattern? Graph)
{
    public override string ToString() => Graph is { } g ? $"GRAPH {g} {{ {Subject} {Predicate} {Object} }}" : $"{Subject} {Predicate} {Object}";
}
