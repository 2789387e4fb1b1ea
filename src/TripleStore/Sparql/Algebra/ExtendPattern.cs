namespace TripleStore.Sparql.Algebra;

/// <summary>BIND(expression AS ?variable) and SELECT expressions.</summary>
public sealed record ExtendPattern(GraphPattern Inner, string Variable, Expression Expression) : GraphPattern
{
    internal override void CollectVariables(Action<string> add) { Inner.CollectVariables(add); Expression.CollectVariables(add); add(Variable); }
    internal override void CollectInScope(Action<string> add) { Inner.CollectInScope(add); add(Variable); }
    public override IEnumerable<GraphPattern> Children => new[] { Inner };
    public override string ToString() => $"Extend({Inner}, ?{Variable}, {Expression})";
}
