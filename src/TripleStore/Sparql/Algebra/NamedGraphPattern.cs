namespace TripleStore.Sparql.Algebra;

/// <summary>GRAPH name { inner }: the inner pattern is matched in a named graph given by an IRI or a variable.</summary>
public sealed record NamedGraphPattern(TermPattern Graph, GraphPattern Inner) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { if (Graph.Variable is { } g) add(g); Inner.CollectVariables(add); }
    internal override void CollectInScope(Action<string> add) { if (Graph.Variable is { } g) add(g); Inner.CollectInScope(add); }
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Graph({Graph}, {Inner})";
}
