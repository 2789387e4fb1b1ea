namespace TripleStore.Sparql.Algebra;

/// <summary>OPTIONAL: <see cref="Filter"/> is the condition of the optional part (null means true).</summary>
public sealed record LeftJoinPattern(GraphPattern Left, GraphPattern Right, Expression? Filter) : GraphPattern
{
    internal override void CollectVariables(Action<string> add)
    {
        Left.CollectVariables(add);
        Right.CollectVariables(add);
        Filter?.CollectVariables(add);
    }

    internal override void CollectInScope(Action<string> add) { Left.CollectInScope(add); Right.CollectInScope(add); }
    public override IEnumerable<GraphPattern> Children => new[] { Left, Right };
    public override string ToString() => Filter is null ? $"LeftJoin({Left}, {Right})" : $"LeftJoin({Left}, {Right}, {Filter})";
}
