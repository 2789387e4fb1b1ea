namespace TripleStore.Sparql.Algebra;

public sealed record ProjectPattern(GraphPattern Inner, IReadOnlyList<string> Projection) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { Inner.CollectVariables(add); foreach (var v in Projection) add(v); }
    internal override void CollectInScope(Action<string> add) { foreach (var v in Projection) add(v); }
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Project({Inner}, {string.Join(" ", Projection.Select(v => "?" + v))})";
}
