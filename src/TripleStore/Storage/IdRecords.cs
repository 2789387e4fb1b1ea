using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TripleStore.Storage;

/// <summary>
/// Operations on fixed-size records of term ids (<see cref="TripleIds"/>, <see cref="QuadIds"/>) viewed as
/// 64-bit words: a <see cref="TermId"/> lays out its high word before its low one, so comparing the words
/// in memory order compares the keys the ids make.
/// </summary>
internal static class IdRecords
{
    /// <summary>How many 64-bit words a record of <typeparamref name="T"/> has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Words<T>() where T : unmanaged => Unsafe.SizeOf<T>() / sizeof(ulong);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Word<T>(ref T record, int word) where T : unmanaged =>
        Unsafe.Add(ref Unsafe.As<T, ulong>(ref record), word);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong WordOf<T>(in T record, int word) where T : unmanaged =>
        Unsafe.Add(ref Unsafe.As<T, ulong>(ref Unsafe.AsRef(in record)), word);

    /// <summary>Compares two records in key order (word by word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare<T>(in T a, in T b) where T : unmanaged
    {
        int words = Words<T>();
        for (int w = 0; w < words; w++)
        {
            ulong x = WordOf(in a, w), y = WordOf(in b, w);
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal<T>(in T a, in T b) where T : unmanaged
    {
        int words = Words<T>();
        for (int w = 0; w < words; w++)
            if (WordOf(in a, w) != WordOf(in b, w)) return false;
        return true;
    }

    /// <summary>Sorts the records and moves the distinct ones to the front; returns how many there are.</summary>
    public static int SortDistinct<T>(Span<T> span) where T : unmanaged
    {
        RecordSorter.Sort(span);
        if (span.IsEmpty) return 0;
        int write = 1;
        for (int read = 1; read < span.Length; read++)
            if (!Equal(in span[read], in span[write - 1])) span[write++] = span[read];
        return write;
    }

    /// <summary>True when <see cref="TermId"/> lays out its high word first (checked once by the sorters).</summary>
    public static readonly bool LayoutMatches = CheckLayout();

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<TermId>() != 16) return false;
        var triple = new TripleIds(new TermId(1, 2), new TermId(3, 4), new TermId(5, 6));
        for (int w = 0; w < 6; w++)
            if (Word(ref triple, w) != (ulong)w + 1) return false;
        return true;
    }
}

/// <summary>Orders records of term ids as their key bytes order; a struct so sorts and merges inline it.</summary>
internal readonly struct IdRecordComparer<T> : IComparer<T> where T : unmanaged
{
    public int Compare(T a, T b) => IdRecords.Compare(in a, in b);
}

/// <summary>
/// Sorts records of term ids in key order much faster than a comparison sort: an in-place MSD radix
/// sort (American flag sort) over the 64-bit words of a record. Each pass first finds the highest bit
/// in which the records of a bucket differ (term ids are hashes, so constant leading bytes, such as the
/// default graph's zero id or a repeated predicate, cost one read pass and no moves), then distributes
/// the records by the 8 bits below it. Buckets of a few dozen records finish with an insertion sort.
/// </summary>
internal static class RecordSorter
{
    private const int SmallBucket = 48;
    private const int Radix = 256;

    public static void Sort<T>(Span<T> items) where T : unmanaged
    {
        if (items.Length < 2) return;
        if (!IdRecords.LayoutMatches) throw new InvalidOperationException("Term ids are not laid out high word first.");
        SortFrom(items, 0);
    }

    private static void SortFrom<T>(Span<T> items, int word) where T : unmanaged
    {
        int words = IdRecords.Words<T>();
        while (true)
        {
            if (items.Length <= SmallBucket)
            {
                InsertionSort(items, word);
                return;
            }
            ulong first = IdRecords.Word(ref items[0], word);
            ulong diff = 0;
            for (int i = 1; i < items.Length; i++) diff |= IdRecords.Word(ref items[i], word) ^ first;
            if (diff == 0)
            {
                // Every record agrees on this word: move to the next one without touching the records.
                if (++word == words) return;
                continue;
            }
            int top = 63 - BitOperations.LeadingZeroCount(diff);
            int shift = Math.Max(0, top - 7);
            Span<int> bounds = stackalloc int[Radix + 1];
            Distribute(items, word, shift, bounds);
            // Within a bucket the bits above the shift are equal; below it they are still to be sorted.
            int nextWord = shift == 0 ? word + 1 : word;
            if (nextWord == words) return;
            for (int b = 0; b < Radix; b++)
            {
                int length = bounds[b + 1] - bounds[b];
                if (length > 1) SortFrom(items.Slice(bounds[b], length), nextWord);
            }
            return;
        }
    }

    /// <summary>Sorts a small bucket whose records agree on every word before <paramref name="word"/>.</summary>
    private static void InsertionSort<T>(Span<T> items, int word) where T : unmanaged
    {
        int words = IdRecords.Words<T>();
        for (int i = 1; i < items.Length; i++)
        {
            var current = items[i];
            int j = i - 1;
            while (j >= 0 && Less(ref current, ref items[j], word, words))
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = current;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less<T>(ref T a, ref T b, int word, int words) where T : unmanaged
    {
        for (int w = word; w < words; w++)
        {
            ulong x = IdRecords.Word(ref a, w), y = IdRecords.Word(ref b, w);
            if (x != y) return x < y;
        }
        return false;
    }

    /// <summary>Permutes the records in place into 256 buckets by the digit at (word, shift); fills bucket bounds.</summary>
    /// <remarks>The hottest loop of an import: records are reached by reference, without bounds checks.</remarks>
    private static void Distribute<T>(Span<T> items, int word, int shift, Span<int> bounds) where T : unmanaged
    {
        Span<int> nextSpan = stackalloc int[Radix];
        nextSpan.Clear();
        ref int next = ref MemoryMarshal.GetReference(nextSpan);
        ref T first = ref MemoryMarshal.GetReference(items);
        int length = items.Length;
        for (int i = 0; i < length; i++) Unsafe.Add(ref next, Digit(ref Unsafe.Add(ref first, i), word, shift))++;
        bounds[0] = 0;
        for (int b = 0; b < Radix; b++) bounds[b + 1] = bounds[b] + Unsafe.Add(ref next, b);
        bounds[..Radix].CopyTo(nextSpan);
        for (int b = 0; b < Radix; b++)
        {
            int end = bounds[b + 1];
            // Only cycles of other buckets move next[d] for d != b, so bucket b's cursor can live in a local.
            int position = Unsafe.Add(ref next, b);
            while (position < end)
            {
                ref T slot = ref Unsafe.Add(ref first, position);
                int digit = Digit(ref slot, word, shift);
                if (digit == b)
                {
                    position++;
                    continue;
                }
                // Follow the cycle: carry the misplaced record to its bucket, pick up the one there, and so
                // on until a record for bucket b comes back.
                T carried = slot;
                do
                {
                    ref T target = ref Unsafe.Add(ref first, Unsafe.Add(ref next, digit)++);
                    T displaced = target;
                    target = carried;
                    carried = displaced;
                    digit = Digit(ref carried, word, shift);
                } while (digit != b);
                slot = carried;
                position++;
            }
            Unsafe.Add(ref next, b) = position;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit<T>(ref T record, int word, int shift) where T : unmanaged =>
        (int)((IdRecords.Word(ref record, word) >> shift) & (Radix - 1));
}
