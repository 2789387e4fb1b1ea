namespace TripleStore.Dataset;

/// <summary>
/// What an <see cref="ISharedScanCache"/> entry was built from: the scanned pattern's bound ids and graph,
/// and a <see cref="Layout"/> number its builder chooses for the shape of the structure (which positions
/// key it, whether it is a set), so two builders of the same scan never take each other's entries.
/// </summary>
public readonly record struct SharedScanKey(NodeId Subject, NodeId Predicate, NodeId Object, NodeId GraphName, int Shape, int Layout)
{
    /// <summary>
    /// The key of a structure built from a scan of <paramref name="scan"/>; null when the scan carries object
    /// ranges (a filtered read, not a whole one).
    /// </summary>
    public static SharedScanKey? For(in IdPattern scan, int layout)
    {
        if (scan.ObjectRanges is { Length: > 0 }) return null;
        int shape = (scan.HasSubject ? 1 : 0) | (scan.HasPredicate ? 2 : 0) | (scan.HasObject ? 4 : 0) | ((int)scan.Graph << 4);
        return new SharedScanKey(
            scan.HasSubject ? scan.Subject : default,
            scan.HasPredicate ? scan.Predicate : default,
            scan.HasObject ? scan.Object : default,
            scan.Graph == GraphSelectorKind.NamedGraph ? scan.GraphName : default,
            shape, layout);
    }
}
