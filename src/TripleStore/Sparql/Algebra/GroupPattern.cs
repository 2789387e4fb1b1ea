namespace TripleStore.Sparql.Algebra;

/// <summary>Group(exprs, P) followed by Aggregation (section 18.2.4.1): one solution per group, binding keys and aggregates.</summary>
public sealed record GroupPattern(GraphPattern Inner, IReadOnlyList<GroupKey> Keys, IReadOnlyList<AggregateBinding> Aggregates) : GraphPattern
{
    internal override void CollectVariables(Action<string> add)
    {
        Inner.CollectVariables(add);
        foreach (var k in Keys) { k.Expression.CollectVariables(add); if (k.Variable is { } v) add(v); }
        foreach (var a in Aggregates) { a.Aggregate.CollectVariables(add); add(a.Variable); }
    }

    internal override void CollectInScope(Action<string> add)
    {
        foreach (var k in Keys) if (k.Variable is { } v) add(v);
        foreach (var a in Aggregates) add(a.Variable);
    }

    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Group({string.Join(", ", Keys.Select(k => k.Expression))}; {string.Join(", ", Aggregates.Select(a => "?" + a.Variable + "=" + a.Aggregate))}; {Inner})";
}
