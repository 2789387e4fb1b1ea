namespace TripleStore.Sparql.Algebra;

public sealed record UnionPattern(GraphPattern Left, GraphPattern Right) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { Left.CollectVariables(add); Right.CollectVariables(add); }
    internal override void CollectInScope(Action<string> add) { Left.CollectInScope(add); Right.CollectInScope(add); }
    public override IEnumerable<GraphPattern> Children => new[] { Left, Right };
    public override string ToString() => $"Union({Left}, {Right})";
}
