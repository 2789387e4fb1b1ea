namespace TripleStore.Reasoning;

/// <summary>
/// A small direct-mapped cache of facts a rule task has already judged (found in the store or emitted),
/// so a repeat is dropped without probing the store's membership table. Rule firings repeat a lot and
/// close together: every <c>takesCourse</c> triple of one student derives the same <c>rdf:type</c> through
/// the property's domain, and rows of one subject lie side by side. The cache fits in the core's L2, where
/// a store probe costs two dependent misses in tables of hundreds of megabytes. A slot holds one fact; a
/// collision just evicts, so a fact missing from the cache is merely probed again.
/// Not thread-safe: one per worker thread.
/// </summary>
internal sealed class RecentFacts
{
    private const int Bits = 13;
    private readonly Fact[] _slots = new Fact[1 << Bits];

    public RecentFacts() => Array.Fill(_slots, new Fact(-1, -1, -1));

    private static int Slot(in Fact fact) =>
        (int)((((ulong)(uint)fact.S * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)fact.P * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)(uint)fact.O * 0x165667B19E3779F9UL)) >> (64 - Bits));

    /// <summary>True when <paramref name="fact"/> was judged before (and is still cached); otherwise caches it and returns false.</summary>
    public bool SeenOrAdd(in Fact fact)
    {
        ref Fact slot = ref _slots[Slot(fact)];
        if (slot == fact) return true;
        slot = fact;
        return false;
    }

    public void Clear() => Array.Fill(_slots, new Fact(-1, -1, -1));
}
