namespace TripleStore.Storage;

/// <summary>
/// Merges a scan of asserted triples with the same scan of derived ones: both come in the index's key
/// order, so one pass yields their union in order, a triple in both (asserted after it was derived) once.
/// </summary>
internal static class DerivedMerge
{
    public static IEnumerable<QuadIds> Union(QuadIndex index, IEnumerable<QuadIds> asserted, IEnumerable<QuadIds> derived)
    {
        using var a = asserted.GetEnumerator();
        using var d = derived.GetEnumerator();
        bool hasA = a.MoveNext(), hasD = d.MoveNext();
        while (hasA || hasD)
        {
            int order = !hasA ? 1 : !hasD ? -1 : QuadIds.Compare(index.Permute(a.Current), index.Permute(d.Current));
            if (order <= 0)
            {
                yield return a.Current;
                if (order == 0) hasD = d.MoveNext();
                hasA = a.MoveNext();
            }
            else
            {
                yield return d.Current;
                hasD = d.MoveNext();
            }
        }
    }
}
