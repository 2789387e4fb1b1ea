namespace TripleStore.Storage;

/// <summary>
/// How an import shares <see cref="ImportOptions.MemoryBudgetBytes"/> between its sort buffers. The sort buffers
/// together never hold more than three quarters of the budget at once; the last quarter is for what the import
/// holds beside them and does not grow with the input: the parse blocks in flight, the parsers' term tables, the
/// SST writers' blocks and filters. Between the phases the memory one phase dropped is given back
/// (<see cref="ImportMemory.Release"/>) before the next allocates its own, so the phases' shares do not add up.
/// </summary>
internal readonly record struct ImportBudget
{
    public ImportBudget(long budgetBytes) => Bytes = Math.Max(1L << 20, budgetBytes);

    /// <summary>The whole budget.</summary>
    public long Bytes { get; }

    /// <summary>While reading: the canonical sorter's two buffers (one filled while the other is sorted and written).</summary>
    public long Canonical => Bytes / 2;

    /// <summary>While reading: the dictionary sorter's two halves.</summary>
    public long Dictionary => Bytes / 4;

    /// <summary>
    /// While merging: the secondary index builders share what the sort buffers may hold less what the canonical
    /// sorter keeps for the merge (its last buffer) and what the dictionary keeps (nothing once it spilled runs).
    /// </summary>
    public long Secondary(long canonicalBytes, long dictionaryBytes) => Math.Max(0, SortBuffers - canonicalBytes - dictionaryBytes);

    /// <summary>The most the sort buffers hold at any time.</summary>
    public long SortBuffers => Bytes / 4 * 3;

    /// <summary>
    /// Whether the sort buffers held enough that giving the memory back is worth a full, compacting collection:
    /// at least a quarter of the budget or 64 MiB. Small imports skip it, so that many of them in one session
    /// do not each pay for a collection of the whole process.
    /// </summary>
    public bool WorthReleasing(long bytesHeld) => bytesHeld >= Math.Min(64L << 20, Bytes / 4);
}
