namespace TripleStore.Storage;

/// <summary>Orders <see cref="QuadIds"/> as their key bytes order; a struct so sorts inline it.</summary>
internal readonly struct QuadIdsComparer : IComparer<QuadIds>
{
    public int Compare(QuadIds a, QuadIds b) => QuadIds.Compare(a, b);
}
