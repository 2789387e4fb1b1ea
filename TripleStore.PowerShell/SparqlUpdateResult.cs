namespace TripleStore.PowerShell;

/// <summary>
/// What Invoke-Sparql did with a SPARQL Update request, or (WhatIf) would do: the net number of quads
/// inserted and deleted, the operations run and how long it took. With -WhatIf the samples show up to
/// ten of the quads it would insert and delete.
/// </summary>
public sealed class SparqlUpdateResult
{
    public SparqlUpdateResult(string store, long inserted, long deleted, int operations, TimeSpan duration, bool whatIf, bool inTransaction,
        IReadOnlyList<RdfTripleObject> insertedSample, IReadOnlyList<RdfTripleObject> deletedSample)
    {
        Store = store;
        Inserted = inserted;
        Deleted = deleted;
        Operations = operations;
        Duration = duration;
        WhatIf = whatIf;
        InTransaction = inTransaction;
        InsertedSample = insertedSample;
        DeletedSample = deletedSample;
    }

    /// <summary>The store's folder.</summary>
    public string Store { get; }

    /// <summary>Quads that were not in the store and now are.</summary>
    public long Inserted { get; }

    /// <summary>Quads that were in the store and are gone.</summary>
    public long Deleted { get; }

    /// <summary>The operations in the request (separated by ';').</summary>
    public int Operations { get; }

    public TimeSpan Duration { get; }

    /// <summary>True when nothing was changed: the counts are what the request would do.</summary>
    public bool WhatIf { get; }

    /// <summary>True inside Invoke-TripleStoreTransaction: the change is part of the block's transaction and is committed with it.</summary>
    public bool InTransaction { get; }

    /// <summary>With -WhatIf, up to ten of the quads the request would insert; otherwise empty.</summary>
    public IReadOnlyList<RdfTripleObject> InsertedSample { get; }

    /// <summary>With -WhatIf, up to ten of the quads the request would delete; otherwise empty.</summary>
    public IReadOnlyList<RdfTripleObject> DeletedSample { get; }

    public override string ToString() => $"{(WhatIf ? "would insert" : "inserted")} {Inserted}, {(WhatIf ? "would delete" : "deleted")} {Deleted}";
}
