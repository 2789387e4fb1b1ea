using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

public class QuadSortingTests
{
    private static TermId RandomId(Random random, byte tag) =>
        new(((ulong)tag << 56) | ((ulong)random.NextInt64() & 0x00FF_FFFF_FFFF_FFFFUL), (ulong)random.NextInt64());

    /// <summary>Quads shaped like real data: few predicates, repeated objects, default and named graphs, exact duplicates.</summary>
    private static QuadIds[] Sample(int count, int seed)
    {
        var random = new Random(seed);
        var predicates = Enumerable.Range(0, 7).Select(_ => RandomId(random, 1)).ToArray();
        var classes = Enumerable.Range(0, 5).Select(_ => RandomId(random, 1)).ToArray();
        var graphs = new[] { TermId.DefaultGraph, RandomId(random, 1), RandomId(random, 2) };
        var subjects = Enumerable.Range(0, count / 5 + 1).Select(_ => RandomId(random, 1)).ToArray();
        var quads = new QuadIds[count];
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(10) == 0)
            {
                quads[i] = quads[random.Next(i)];
                continue;
            }
            var o = random.Next(3) switch
            {
                0 => classes[random.Next(classes.Length)],
                1 => new TermId(0x13UL << 56, (ulong)random.Next(100)), // small inline-like values
                _ => RandomId(random, 3),
            };
            // Canonical layout: graph first, so the default graph's zero words lead.
            quads[i] = new QuadIds(graphs[random.Next(graphs.Length)], subjects[random.Next(subjects.Length)], predicates[random.Next(predicates.Length)], o);
        }
        return quads;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(5_000)]
    [InlineData(200_000)]
    public void RadixSortOrdersLikeTheComparer(int count)
    {
        var quads = Sample(count, count);
        var expected = quads.ToArray();
        Array.Sort(expected, (a, b) => QuadIds.Compare(a, b));
        QuadIdsSorter.Sort(quads);
        Assert.Equal(expected.Length, quads.Length);
        for (int i = 0; i < quads.Length; i++) Assert.True(expected[i].Equals(quads[i]), $"record {i} differs");
    }

    [Fact]
    public void ExternalSorterMergesSpilledRunsWithoutDuplicates()
    {
        using var folder = new TempFolder();
        var quads = Sample(50_000, 7);
        var expected = quads.Distinct().ToList();
        expected.Sort((a, b) => QuadIds.Compare(a, b));
        using var sorter = new ExternalSorter<QuadIds>(folder.Path, "test", 4_096);
        foreach (var quad in quads) sorter.Add(quad);
        var sorted = sorter.ReadSorted(CancellationToken.None).ToList();
        Assert.Equal(expected.Count, sorted.Count);
        for (int i = 0; i < sorted.Count; i++) Assert.True(expected[i].Equals(sorted[i]), $"record {i} differs");
    }

    [Theory]
    [InlineData(4_096)]
    [InlineData(50_000)]
    public void ExternalSorterSpillingInBackgroundMergesRunsWithoutDuplicates(int capacity)
    {
        using var folder = new TempFolder();
        var quads = Sample(50_000, 11);
        var expected = quads.Distinct().ToList();
        expected.Sort((a, b) => QuadIds.Compare(a, b));
        using var sorter = new ExternalSorter<QuadIds>(folder.Path, "test", capacity, spillInBackground: true);
        foreach (var quad in quads) sorter.Add(quad);
        sorter.FinishInput();
        // At most the last of the two buffers stays in memory, sorted, for the merge.
        Assert.True(sorter.BytesInMemory <= capacity / 2 * 64, $"{sorter.BytesInMemory} bytes in memory");
        var sorted = sorter.ReadSorted(CancellationToken.None).ToList();
        Assert.Equal(expected.Count, sorted.Count);
        for (int i = 0; i < sorted.Count; i++) Assert.True(expected[i].Equals(sorted[i]), $"record {i} differs");
        // Half of 50,000 cannot hold them all, so runs were spilled.
        Assert.NotEmpty(Directory.GetFiles(folder.Path, "test-*.run"));
    }

    [Fact]
    public void ExternalSorterSpillingInBackgroundDeletesItsRunsOnDispose()
    {
        using var folder = new TempFolder();
        using (var sorter = new ExternalSorter<QuadIds>(folder.Path, "test", 2_048, spillInBackground: true))
            foreach (var quad in Sample(20_000, 3)) sorter.Add(quad);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    private static byte[] DictionaryValue(TermId id, int length)
    {
        var value = new byte[length];
        for (int i = 0; i < length; i++) value[i] = (byte)((id.Low >> (i % 8 * 8)) + (ulong)i);
        return value;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DictionarySorterReturnsEachIdOnceInOrderWithItsValue(bool background)
    {
        using var folder = new TempFolder();
        var random = new Random(5);
        var ids = Enumerable.Range(0, 3_000).Select(_ => RandomId(random, 1)).ToArray();
        // A budget of 64 KiB spills every few hundred entries; every id comes three times.
        using var sorter = new DictionarySorter(folder.Path, 64 << 10, background);
        foreach (var round in Enumerable.Range(0, 3))
            foreach (var id in ids.OrderBy(_ => random.Next()))
                sorter.Add(id, DictionaryValue(id, 10 + (int)(id.Low % 50)));
        var expected = ids.Distinct().Order().ToList();
        var actual = new List<TermId>();
        foreach (var (id, value, length) in sorter.ReadSorted(CancellationToken.None))
        {
            Assert.Equal(DictionaryValue(id, 10 + (int)(id.Low % 50)), value.AsSpan(0, length).ToArray());
            actual.Add(id);
        }
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DictionarySorterKeepsEarlierEntriesWhenAValueOutgrowsItsArena(bool background)
    {
        using var folder = new TempFolder();
        var random = new Random(9);
        var small = Enumerable.Range(0, 100).Select(_ => RandomId(random, 1)).ToArray();
        var huge = RandomId(random, 3);
        using var sorter = new DictionarySorter(folder.Path, 1 << 10, background);
        foreach (var id in small) sorter.Add(id, DictionaryValue(id, 3));
        // Larger than any arena of a 1 KiB budget (the arena is at least 64 KiB).
        sorter.Add(huge, DictionaryValue(huge, 200_000));
        var seen = new Dictionary<TermId, byte[]>();
        foreach (var (id, value, length) in sorter.ReadSorted(CancellationToken.None)) seen[id] = value.AsSpan(0, length).ToArray();
        Assert.Equal(101, seen.Count);
        foreach (var id in small) Assert.Equal(DictionaryValue(id, 3), seen[id]);
        Assert.Equal(DictionaryValue(huge, 200_000), seen[huge]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DictionarySorterTakesSeveralValuesLargerThanItsFirstArena(bool background)
    {
        using var folder = new TempFolder();
        var random = new Random(13);
        var small = Enumerable.Range(0, 50).Select(_ => RandomId(random, 1)).ToArray();
        var huge = Enumerable.Range(0, 3).Select(_ => RandomId(random, 3)).ToArray();
        int[] lengths = [200_000, 150_000, 120_000];
        using var sorter = new DictionarySorter(folder.Path, 1 << 10, background);
        foreach (var id in small) sorter.Add(id, DictionaryValue(id, 3));
        // Each value is larger than the 64 KiB arena the sorter started with; the second no longer fits
        // beside the first, so the arena is spilled and the next one must still have room for it.
        for (int i = 0; i < huge.Length; i++) sorter.Add(huge[i], DictionaryValue(huge[i], lengths[i]));
        var seen = new Dictionary<TermId, byte[]>();
        foreach (var (id, value, length) in sorter.ReadSorted(CancellationToken.None)) seen[id] = value.AsSpan(0, length).ToArray();
        Assert.Equal(small.Length + huge.Length, seen.Count);
        foreach (var id in small) Assert.Equal(DictionaryValue(id, 3), seen[id]);
        for (int i = 0; i < huge.Length; i++) Assert.Equal(DictionaryValue(huge[i], lengths[i]), seen[huge[i]]);
    }

    /// <summary>Triples whose ids share long prefixes: equal high words, equal leading ids, and exact repeats.</summary>
    private static TripleIds[] TripleSample(int count, int seed)
    {
        var random = new Random(seed);
        var highs = Enumerable.Range(0, 4).Select(_ => (ulong)random.NextInt64()).ToArray();
        TermId Id(int spread) => random.Next(4) switch
        {
            // Same high word, low words differing only in their last bits.
            0 => new TermId(highs[random.Next(highs.Length)], (ulong)random.Next(spread)),
            // Same high word, low words differing only in their top bits.
            1 => new TermId(highs[0], (ulong)random.Next(spread) << 60),
            2 => new TermId(0, (ulong)random.Next(spread)),
            _ => RandomId(random, (byte)random.Next(1, 4)),
        };
        var triples = new TripleIds[count];
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && random.Next(8) == 0)
            {
                triples[i] = triples[random.Next(i)];
                continue;
            }
            triples[i] = new TripleIds(Id(16), Id(3), Id(1 << 20));
        }
        return triples;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(47)]
    [InlineData(49)]
    [InlineData(3_000)]
    [InlineData(300_000)]
    public void RadixSortOfTriplesOrdersLikeTheReferenceSort(int count)
    {
        var triples = TripleSample(count, count + 1);
        var expected = triples.ToArray();
        Array.Sort(expected, (a, b) => TripleIds.Compare(a, b));
        RecordSorter.Sort<TripleIds>(triples);
        for (int i = 0; i < triples.Length; i++) Assert.True(expected[i].Equals(triples[i]), $"record {i} differs");
    }

    [Fact]
    public void RadixSortOfQuadsWithRandomKeysAndEqualPrefixesOrdersLikeTheReferenceSort()
    {
        var random = new Random(21);
        var triples = TripleSample(100_000, 22);
        var quads = triples.Select(t => new QuadIds(random.Next(3) == 0 ? TermId.DefaultGraph : t[2], t[0], t[1], t[2])).ToArray();
        var expected = quads.ToArray();
        Array.Sort(expected, (a, b) => QuadIds.Compare(a, b));
        RecordSorter.Sort<QuadIds>(quads);
        for (int i = 0; i < quads.Length; i++) Assert.True(expected[i].Equals(quads[i]), $"record {i} differs");
    }

    [Fact]
    public void RecordComparisonMatchesTermIdOrder()
    {
        var random = new Random(4);
        var triples = TripleSample(2_000, 5);
        for (int i = 0; i < 5_000; i++)
        {
            var a = triples[random.Next(triples.Length)];
            var b = triples[random.Next(triples.Length)];
            Assert.Equal(Math.Sign(TripleIds.Compare(a, b)), Math.Sign(IdRecords.Compare(in a, in b)));
            Assert.Equal(a.Equals(b), IdRecords.Equal(in a, in b));
        }
    }

    [Theory]
    [InlineData(1_024, false)]
    [InlineData(1_024, true)]
    [InlineData(5_000, true)]
    [InlineData(200_000, true)]
    public void ExternalTripleSorterMergesRunsAndTheRecordsInMemoryWithoutDuplicates(int capacity, bool background)
    {
        using var folder = new TempFolder();
        var triples = TripleSample(60_000, capacity);
        var expected = triples.Distinct().ToList();
        expected.Sort((a, b) => TripleIds.Compare(a, b));
        using var sorter = new ExternalSorter<TripleIds>(folder.Path, "test", capacity, background, lazy: true);
        foreach (var triple in triples) sorter.Add(triple);
        var sorted = sorter.ReadSorted(CancellationToken.None).ToList();
        Assert.Equal(expected.Count, sorted.Count);
        for (int i = 0; i < sorted.Count; i++) Assert.True(expected[i].Equals(sorted[i]), $"record {i} differs");
        // 1,024 records of 60,000 take more than eight runs (the heap merge); 200,000 none (nothing on disk).
        if (capacity == 200_000) Assert.Equal(0, sorter.RunCount);
        else Assert.True(sorter.RunCount > 0);
    }

    [Fact]
    public void CanonicalSorterGivesDefaultGraphTriplesThenNamedGraphQuadsOnceEach()
    {
        using var folder = new TempFolder();
        var quads = Sample(40_000, 13);
        // A small budget, so both kinds spill runs and keep a buffer in memory.
        using var sorter = new CanonicalSorter(folder.Path, 64 * 3_000);
        foreach (var quad in quads) sorter.Add(quad);
        Assert.Equal(quads.Length, sorter.Added);
        Assert.Equal(quads.Count(q => q[0] == TermId.DefaultGraph), sorter.AddedDefault);
        sorter.FinishInput();
        Assert.NotEmpty(Directory.GetFiles(folder.Path, "canonical-triples-*.run"));
        Assert.NotEmpty(Directory.GetFiles(folder.Path, "canonical-quads-*.run"));
        // Canonical g, s, p, o order, read back as s, p, o, g.
        var expected = quads.Distinct().ToList();
        expected.Sort((a, b) => QuadIds.Compare(a, b));
        var actual = sorter.ReadSorted(CancellationToken.None).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < actual.Count; i++)
            Assert.True(new QuadIds(expected[i][1], expected[i][2], expected[i][3], expected[i][0]).Equals(actual[i]), $"record {i} differs");
    }
}
