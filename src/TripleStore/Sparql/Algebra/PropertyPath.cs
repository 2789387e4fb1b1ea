namespace TripleStore.Sparql.Algebra;

/// <summary>A SPARQL 1.1 property path expression (section 9).</summary>
public abstract record PropertyPath;
