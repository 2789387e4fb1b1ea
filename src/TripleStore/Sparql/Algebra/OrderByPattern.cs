namespace TripleStore.Sparql.Algebra;

public sealed record OrderByPattern(GraphPattern Inner, IReadOnlyList<OrderCondition> Conditions) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { Inner.CollectVariables(add); foreach (var c in Conditions) c.Expression.CollectVariables(add); }
    internal override void CollectInScope(Action<string> add) => Inner.CollectInScope(add);
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"OrderBy({Inner}, {string.Join(", ", Conditions.Select(c => (c.Descending ? "DESC " : "") + c.Expression))})";
}
