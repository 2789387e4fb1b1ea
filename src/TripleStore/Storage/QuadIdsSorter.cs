using System.Numerics;
using System.Runtime.CompilerServices;

namespace TripleStore.Storage;

/// <summary>
/// Sorts <see cref="QuadIds"/> in key order much faster than a comparison sort: an in-place MSD radix
/// sort (American flag sort) over the eight 64-bit words of a record. Each pass first finds the highest
/// bit in which the records of a bucket differ (term ids are hashes, so constant leading bytes, such as
/// the default graph's zero id or a repeated predicate, cost one read pass and no moves), then
/// distributes the records by the 8 bits below it. Buckets of a few dozen records finish with a
/// comparison sort.
/// </summary>
internal static class QuadIdsSorter
{
    private const int Words = 8;
    private const int SmallBucket = 64;
    private const int Radix = 256;

    // The radix passes read a record's words in memory order; that only matches key order when TermId
    // lays out High before Low, which this checks once (and falls back to a comparison sort if not).
    private static readonly bool LayoutMatches = CheckLayout();

    public static void Sort(Span<QuadIds> items)
    {
        if (items.Length < 2) return;
        if (!LayoutMatches)
        {
            items.Sort(new QuadIdsComparer());
            return;
        }
        SortFrom(items, 0);
    }

    private static void SortFrom(Span<QuadIds> items, int word)
    {
        while (true)
        {
            if (items.Length <= SmallBucket)
            {
                if (items.Length > 1) items.Sort(new QuadIdsComparer());
                return;
            }
            ulong first = WordOf(ref items[0], word);
            ulong diff = 0;
            for (int i = 1; i < items.Length; i++) diff |= WordOf(ref items[i], word) ^ first;
            if (diff == 0)
            {
                // Every record agrees on this word: move to the next one without touching the records.
                if (++word == Words) return;
                continue;
            }
            int top = 63 - BitOperations.LeadingZeroCount(diff);
            int shift = Math.Max(0, top - 7);
            Span<int> bounds = stackalloc int[Radix + 1];
            Distribute(items, word, shift, bounds);
            // Within a bucket the bits above the shift are equal; below it they are still to be sorted.
            int nextWord = shift == 0 ? word + 1 : word;
            if (nextWord == Words) return;
            for (int b = 0; b < Radix; b++)
            {
                int length = bounds[b + 1] - bounds[b];
                if (length > 1) SortFrom(items.Slice(bounds[b], length), nextWord);
            }
            return;
        }
    }

    /// <summary>Permutes the records in place into 256 buckets by the digit at (word, shift); fills bucket bounds.</summary>
    private static void Distribute(Span<QuadIds> items, int word, int shift, Span<int> bounds)
    {
        Span<int> next = stackalloc int[Radix];
        next.Clear();
        for (int i = 0; i < items.Length; i++) next[Digit(ref items[i], word, shift)]++;
        bounds[0] = 0;
        for (int b = 0; b < Radix; b++) bounds[b + 1] = bounds[b] + next[b];
        bounds[..Radix].CopyTo(next);
        for (int b = 0; b < Radix; b++)
        {
            int end = bounds[b + 1];
            while (next[b] < end)
            {
                int position = next[b];
                int digit = Digit(ref items[position], word, shift);
                if (digit == b)
                {
                    next[b] = position + 1;
                    continue;
                }
                // Follow the cycle: carry the misplaced record to its bucket, pick up the one there, and so
                // on until a record for bucket b comes back.
                var carried = items[position];
                do
                {
                    int target = next[digit]++;
                    (items[target], carried) = (carried, items[target]);
                    digit = Digit(ref carried, word, shift);
                } while (digit != b);
                items[position] = carried;
                next[b] = position + 1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit(ref QuadIds quad, int word, int shift) => (int)((WordOf(ref quad, word) >> shift) & (Radix - 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordOf(ref QuadIds quad, int word) => Unsafe.Add(ref Unsafe.As<QuadIds, ulong>(ref quad), word);

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<QuadIds>() != Words * sizeof(ulong)) return false;
        var quad = new QuadIds(new TermId(1, 2), new TermId(3, 4), new TermId(5, 6), new TermId(7, 8));
        for (int w = 0; w < Words; w++)
            if (WordOf(ref quad, w) != (ulong)w + 1) return false;
        return true;
    }
}
