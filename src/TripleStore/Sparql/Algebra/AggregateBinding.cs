namespace TripleStore.Sparql.Algebra;

/// <summary>An aggregate computed per group into <see cref="Variable"/>.</summary>
public sealed record AggregateBinding(string Variable, AggregateExpression Aggregate);
