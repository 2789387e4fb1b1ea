namespace TripleStore.PowerShell;

/// <summary>What Clear-TripleStoreCache -PassThru reports: the store and what its result cache held before it was emptied.</summary>
public sealed class TripleStoreCacheInfo
{
    /// <summary>The store's folder.</summary>
    public string Path { get; init; } = "";

    /// <summary>The cache emptied: Result.</summary>
    public string Cache { get; init; } = "Result";

    /// <summary>Cached results removed.</summary>
    public long EntriesRemoved { get; init; }

    /// <summary>Estimated bytes those results held.</summary>
    public long BytesFreed { get; init; }
}
