namespace TripleStore.Sparql.Algebra;

/// <summary>EXISTS / NOT EXISTS { pattern }.</summary>
public sealed record ExistsExpression(GraphPattern Pattern, bool Negated) : Expression
{
    internal override void CollectVariables(Action<string> add) => Pattern.CollectVariables(add);
    public override string ToString() => (Negated ? "NOT EXISTS " : "EXISTS ") + "{" + Pattern + "}";
}
