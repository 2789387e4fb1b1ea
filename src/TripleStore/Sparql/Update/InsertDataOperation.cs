namespace TripleStore.Sparql.Update;

/// <summary>INSERT DATA: ground triples (blank nodes allowed, variables not).</summary>
public sealed record InsertDataOperation(IReadOnlyList<QuadTemplate> Data) : UpdateOperation;
