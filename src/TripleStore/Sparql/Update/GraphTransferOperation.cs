namespace TripleStore.Sparql.Update;

public enum GraphTransferKind
{
    Add,
    Move,
    Copy,
}

/// <summary>ADD, MOVE or COPY from one graph (default or named) to another.</summary>
public sealed record GraphTransferOperation(GraphTransferKind Kind, GraphTarget From, GraphTarget To, bool Silent) : UpdateOperation;
