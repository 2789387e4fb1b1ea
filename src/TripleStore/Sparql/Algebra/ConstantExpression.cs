using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

public sealed record ConstantExpression(Term Value) : Expression
{
    internal override void CollectVariables(Action<string> add) { }
    public override string ToString() => Value.ToString();
}
