namespace TripleStore.Sparql.Update;

public enum GraphManagementKind
{
    Clear,
    Drop,
    Create,
}

/// <summary>CLEAR, DROP or CREATE of a graph target.</summary>
public sealed record GraphManagementOperation(GraphManagementKind Kind, GraphTarget Target, bool Silent) : UpdateOperation;
