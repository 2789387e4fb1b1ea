namespace TripleStore.Sparql.Algebra;

/// <summary>
/// An operator, built-in call or extension function. <see cref="Name"/> is the operator symbol
/// ("&amp;&amp;", "=", "+", "UMINUS", "!"...), the upper-case built-in keyword ("STR", "REGEX", "BOUND", "IF",
/// "COALESCE", "IN", "NOTIN"...), or the IRI of a cast or extension function.
/// </summary>
public sealed record FunctionCallExpression(string Name, IReadOnlyList<Expression> Arguments, bool IsIri = false) : Expression
{
    internal override void CollectVariables(Action<string> add) { foreach (var a in Arguments) a.CollectVariables(add); }
    public override string ToString() => (IsIri ? "<" + Name + ">" : Name) + "(" + string.Join(", ", Arguments) + ")";
}
