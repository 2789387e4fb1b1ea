namespace TripleStore.Sparql.Algebra;

public sealed record ReducedPattern(GraphPattern Inner) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) => Inner.CollectVariables(add);
    internal override void CollectInScope(Action<string> add) => Inner.CollectInScope(add);
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Reduced({Inner})";
}
