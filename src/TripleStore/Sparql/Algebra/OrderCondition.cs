namespace TripleStore.Sparql.Algebra;

public sealed record OrderCondition(Expression Expression, bool Descending);
