namespace TripleStore.Sparql.Algebra;

/// <summary>OFFSET/LIMIT. <see cref="Limit"/> null means no limit.</summary>
public sealed record SlicePattern(GraphPattern Inner, long Offset, long? Limit) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) => Inner.CollectVariables(add);
    internal override void CollectInScope(Action<string> add) => Inner.CollectInScope(add);
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Slice({Inner}, {Offset}, {Limit?.ToString() ?? "_"})";
}
