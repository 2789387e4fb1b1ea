namespace TripleStore.Dataset;

/// <summary>
/// A cursor whose matches can come out sorted by one free position, and that can skip ahead within a
/// pattern to a given value of that position: what a merge join (a leapfrog intersection of sorted scans)
/// needs. Ids are ordered by <see cref="NodeIdOrder"/>. Sources that cannot do this simply do not
/// implement it, and joins fall back to index lookups.
/// </summary>
public interface IOrderedQuadCursor : IQuadCursor
{
    /// <summary>
    /// Whether <see cref="IQuadCursor.Seek"/> with a pattern binding the same positions as
    /// <paramref name="pattern"/> returns its matches in ascending order of <paramref name="position"/>
    /// (0 subject, 1 predicate, 2 object), which must be free in the pattern.
    /// </summary>
    bool OrdersBy(in IdPattern pattern, int position);

    /// <summary>
    /// Starts matching <paramref name="pattern"/> at its first match whose id at <paramref name="position"/>
    /// is at least <paramref name="from"/>; only valid where <see cref="OrdersBy"/> is true.
    /// </summary>
    void SeekFrom(in IdPattern pattern, int position, NodeId from);
}

/// <summary>The order of ids in sorted scans: by the high word, then the low word, both unsigned.</summary>
public static class NodeIdOrder
{
    public static int Compare(NodeId a, NodeId b)
    {
        int c = a.High.CompareTo(b.High);
        return c != 0 ? c : a.Low.CompareTo(b.Low);
    }
}
