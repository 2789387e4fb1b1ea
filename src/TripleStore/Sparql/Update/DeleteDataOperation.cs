namespace TripleStore.Sparql.Update;

/// <summary>DELETE DATA: ground triples without blank nodes.</summary>
public sealed record DeleteDataOperation(IReadOnlyList<QuadTemplate> Data) : UpdateOperation;
