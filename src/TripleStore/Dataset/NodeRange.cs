namespace TripleStore.Dataset;

/// <summary>
/// An inclusive range of ids in a source's id order (<see cref="NodeId.High"/>, then <see cref="NodeId.Low"/>,
/// both unsigned). Only meaningful for a source whose ids are ordered, see
/// <see cref="IEncodedQuadSource.NumericObjectRanges"/>.
/// </summary>
public readonly record struct NodeRange(NodeId Low, NodeId High)
{
    /// <summary>Whether <paramref name="id"/> lies in the range.</summary>
    public bool Contains(NodeId id) => Compare(Low, id) <= 0 && Compare(id, High) <= 0;

    /// <summary>Orders ids as the source's keys do.</summary>
    public static int Compare(NodeId a, NodeId b) => a.High != b.High ? a.High.CompareTo(b.High) : a.Low.CompareTo(b.Low);
}
