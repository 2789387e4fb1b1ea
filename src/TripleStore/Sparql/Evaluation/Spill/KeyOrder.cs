using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// A total order on records by their keys term by term (unbound first, then <see cref="Term.CompareTo"/>),
/// then by sequence number. Keys compare equal exactly when they are the same terms, so sorting puts
/// duplicates and group members next to each other, first occurrence first.
/// </summary>
internal sealed class KeyOrder : IComparer<SpillRecord>
{
    public static readonly KeyOrder Instance = new();

    /// <summary>Orders by sequence number only.</summary>
    public static readonly IComparer<SpillRecord> BySeq = Comparer<SpillRecord>.Create((a, b) => a.Seq.CompareTo(b.Seq));

    public int Compare(SpillRecord a, SpillRecord b)
    {
        int c = CompareKeys(a.Keys, b.Keys);
        return c != 0 ? c : a.Seq.CompareTo(b.Seq);
    }

    public static int CompareKeys(Term?[] a, Term?[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (ReferenceEquals(x, y)) continue;
            if (x is null) return -1;
            if (y is null) return 1;
            int c = x.CompareTo(y);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
