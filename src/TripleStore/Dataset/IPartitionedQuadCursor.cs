namespace TripleStore.Dataset;

/// <summary>
/// A cursor whose scan of one pattern can be cut into object ranges, so that several threads can each
/// scan a share of a large range (with <see cref="IdPattern.ObjectRanges"/>) and the shares, taken in
/// order, give the whole scan in its usual order. Sources that cannot do this do not implement it.
/// </summary>
public interface IPartitionedQuadCursor : IQuadCursor
{
    /// <summary>
    /// Ascending, disjoint object ranges that together hold every match of <paramref name="pattern"/>
    /// (its object free), about <paramref name="parts"/> of them (more when the ids fall in several
    /// kinds, fewer when the matches are few), such that the cursor honours each as a range of its scan;
    /// null when the pattern is not scanned in object order or has no match.
    /// </summary>
    NodeRange[]? SplitObjects(in IdPattern pattern, int parts);
}
