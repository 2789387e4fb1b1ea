namespace TripleStore.Storage;

/// <summary>Sorts <see cref="QuadIds"/> in key order with <see cref="RecordSorter"/>.</summary>
internal static class QuadIdsSorter
{
    public static void Sort(Span<QuadIds> items) => RecordSorter.Sort(items);
}
