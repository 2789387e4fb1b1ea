namespace TripleStore.Sparql.Algebra;

/// <summary>A GROUP BY key: the expression and the variable it binds (its own name for GROUP BY ?x, or the AS name).</summary>
public sealed record GroupKey(Expression Expression, string? Variable);
