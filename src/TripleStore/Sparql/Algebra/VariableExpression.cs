namespace TripleStore.Sparql.Algebra;

public sealed record VariableExpression(string Name) : Expression
{
    internal override void CollectVariables(Action<string> add) => add(Name);
    public override string ToString() => "?" + Name;
}
