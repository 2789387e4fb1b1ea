namespace TripleStore.Sparql.Update;

/// <summary>One operation of a SPARQL 1.1 Update request (section 3 of SPARQL 1.1 Update).</summary>
public abstract record UpdateOperation;
