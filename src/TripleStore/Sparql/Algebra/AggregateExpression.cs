namespace TripleStore.Sparql.Algebra;

/// <summary>COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT. <see cref="Argument"/> is null for COUNT(*).</summary>
public sealed record AggregateExpression(string Name, bool Distinct, Expression? Argument, string? Separator = null) : Expression
{
    internal override void CollectVariables(Action<string> add) => Argument?.CollectVariables(add);
    public override string ToString() => Name + "(" + (Distinct ? "DISTINCT " : "") + (Argument?.ToString() ?? "*") + (Separator is null ? "" : "; SEPARATOR=\"" + Separator + "\"") + ")";
}
