namespace TripleStore.PowerShell;

/// <summary>
/// What one Add-Triple, Remove-Triple or Clear-TripleStore call changed: the triples it was given, how
/// many were really added (not already present) or removed (present before), and how long the write took.
/// </summary>
public sealed class TripleStoreChangeResult
{
    public TripleStoreChangeResult(string operation, string store, string? graph, long requested, long added, long removed, TimeSpan duration, bool inTransaction)
    {
        Operation = operation;
        Store = store;
        Graph = graph;
        Requested = requested;
        Added = added;
        Removed = removed;
        Duration = duration;
        InTransaction = inTransaction;
    }

    /// <summary>Add, Remove or Clear.</summary>
    public string Operation { get; }

    /// <summary>The store's folder.</summary>
    public string Store { get; }

    /// <summary>For Clear: the graph IRI, DEFAULT or ALL; null otherwise.</summary>
    public string? Graph { get; }

    /// <summary>The distinct triples given (for Clear: 0).</summary>
    public long Requested { get; }

    /// <summary>Triples that were not in the store and now are (remote store: the triples sent in accepted INSERT DATA requests).</summary>
    public long Added { get; }

    /// <summary>Triples that were in the store and are gone (remote store: the triples sent in accepted DELETE DATA requests; -1 for Clear).</summary>
    public long Removed { get; }

    /// <summary>From the first input to the commit (inside a transaction: to the change joining it).</summary>
    public TimeSpan Duration { get; }

    /// <summary>True inside Invoke-TripleStoreTransaction: the change commits with the block.</summary>
    public bool InTransaction { get; }

    public override string ToString() => $"{Operation}: {Added} added, {Removed} removed";
}
