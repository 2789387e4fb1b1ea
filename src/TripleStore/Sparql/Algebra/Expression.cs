using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

/// <summary>A SPARQL expression (section 17).</summary>
public abstract record Expression
{
    internal abstract void CollectVariables(Action<string> add);

    public IReadOnlyList<string> Variables()
    {
        var list = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        CollectVariables(v => { if (set.Add(v)) list.Add(v); });
        return list;
    }
}

public sealed record VariableExpression(string Name) : Expression
{
    internal override void CollectVariables(Action<string> add) => add(Name);
    public override string ToString() => "?" + Name;
}

public sealed record ConstantExpression(Term Value) : Expression
{
    internal override void CollectVariables(Action<string> add) { }
    public override string ToString() => Value.ToString();
}

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

/// <summary>EXISTS / NOT EXISTS { pattern }.</summary>
public sealed record ExistsExpression(GraphPattern Pattern, bool Negated) : Expression
{
    internal override void CollectVariables(Action<string> add) => Pattern.CollectVariables(add);
    public override string ToString() => (Negated ? "NOT EXISTS " : "EXISTS ") + "{" + Pattern + "}";
}

/// <summary>COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT. <see cref="Argument"/> is null for COUNT(*).</summary>
public sealed record AggregateExpression(string Name, bool Distinct, Expression? Argument, string? Separator = null) : Expression
{
    internal override void CollectVariables(Action<string> add) => Argument?.CollectVariables(add);
    public override string ToString() => Name + "(" + (Distinct ? "DISTINCT " : "") + (Argument?.ToString() ?? "*") + (Separator is null ? "" : "; SEPARATOR=\"" + Separator + "\"") + ")";
}
