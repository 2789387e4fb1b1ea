using System.Diagnostics.CodeAnalysis;

namespace TripleStore.Dataset;

/// <summary>
/// Structures a join builds from a whole scan of one pattern (a predicate's sorted subjects per object, a
/// hash step's table), kept for later queries over the same state of the data. A source hands one out only
/// to views of exactly the state it was built from, so a write (which makes a new state) invalidates every
/// entry, and a view taken before the write still gets its own. Entries must never be changed once added:
/// several queries read them at once. The cache holds at most a fixed number of bytes (as estimated by the
/// caller) and evicts the least recently used entries to stay under it.
/// </summary>
public interface ISharedScanCache
{
    /// <summary>The entry kept for <paramref name="key"/>, if any.</summary>
    bool TryGet(in SharedScanKey key, [NotNullWhen(true)] out object? value);

    /// <summary>
    /// Offers <paramref name="value"/>, about <paramref name="bytes"/> large; false when it is larger than the
    /// whole cache may hold. Another query may have added an equal entry first: then that one stays.
    /// </summary>
    bool TryAdd(in SharedScanKey key, object value, long bytes);

    /// <summary>
    /// The lookups that earlier queries answered from the index instead of building the structure of
    /// <paramref name="key"/> (see <see cref="PayRent"/>): once they cost what one scan does, the next run
    /// builds it ("rent or buy" across queries).
    /// </summary>
    long Rent(in SharedScanKey key);

    /// <summary>Adds a run's lookups to the rent of <paramref name="key"/>, when it ended without building the structure.</summary>
    void PayRent(in SharedScanKey key, long lookups);
}
