using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>The block readers of the external sorts: the loser-tree merge of any number of runs, key ranges, the canonical ranges.</summary>
public class SortedReaderTests
{
    /// <summary>Triples drawn from a small pool, so that the same triple lands in many runs and at block edges.</summary>
    private static TripleIds[] Repetitive(int count, int distinct, int seed)
    {
        var random = new Random(seed);
        var pool = new TripleIds[distinct];
        for (int i = 0; i < distinct; i++)
        {
            // Shared high words, so records differ late as well as early.
            var s = new TermId(0x0100_0000_0000_0000UL | (uint)random.Next(8), (ulong)random.NextInt64());
            var p = new TermId(0x0100_0000_0000_0000UL, (ulong)random.Next(4));
            var o = random.Next(2) == 0 ? s : new TermId((ulong)random.NextInt64(), (ulong)random.Next(16));
            pool[i] = new TripleIds(s, p, o);
        }
        var triples = new TripleIds[count];
        for (int i = 0; i < count; i++) triples[i] = pool[random.Next(distinct)];
        return triples;
    }

    private static List<TripleIds> FullSort(IEnumerable<TripleIds> records)
    {
        var expected = records.Distinct().ToList();
        expected.Sort((a, b) => TripleIds.Compare(a, b));
        return expected;
    }

    private static List<TripleIds> ReadAll(ExternalSorter<TripleIds>.SortedReader reader, int blockLength)
    {
        var all = new List<TripleIds>();
        var block = new TripleIds[blockLength];
        int count;
        while ((count = reader.Read(block)) > 0)
        {
            Assert.InRange(count, 1, blockLength);
            all.AddRange(block.AsSpan(0, count).ToArray());
        }
        // The end stays the end.
        Assert.Equal(0, reader.Read(block));
        return all;
    }

    [Theory]
    // capacity, records: from one run plus memory to dozens of runs (odd counts give an unbalanced tree).
    [InlineData(1_024, 1_500, 1)]
    [InlineData(1_024, 2_500, 7)]
    [InlineData(1_024, 9_000, 1_000)]
    [InlineData(1_024, 17_500, 3)]
    [InlineData(1_024, 40_000, 4_096)]
    public void The_loser_tree_merge_equals_a_full_sort_of_runs_with_duplicates(int capacity, int count, int blockLength)
    {
        using var folder = new TempFolder();
        var triples = Repetitive(count, distinct: 3_000, seed: count);
        using var sorter = new ExternalSorter<TripleIds>(folder.Path, "merge", capacity);
        foreach (var triple in triples) sorter.Add(triple);
        using var reader = sorter.OpenSorted(CancellationToken.None);
        var actual = ReadAll(reader, blockLength);
        Assert.True(sorter.RunCount >= count / capacity, $"{sorter.RunCount} runs");
        Assert.Equal(FullSort(triples), actual);
    }

    [Fact]
    public void The_merge_of_many_runs_of_distinct_random_records_equals_a_full_sort()
    {
        using var folder = new TempFolder();
        var random = new Random(3);
        var triples = Enumerable.Range(0, 33_333)
            .Select(_ => new TripleIds(new TermId((ulong)random.NextInt64(), (ulong)random.NextInt64()), default, new TermId(0, (ulong)random.Next())))
            .ToArray();
        using var sorter = new ExternalSorter<TripleIds>(folder.Path, "random", 1_024);
        foreach (var triple in triples) sorter.Add(triple);
        using var reader = sorter.OpenSorted(CancellationToken.None);
        Assert.Equal(FullSort(triples), ReadAll(reader, 333));
        Assert.Equal(32, sorter.RunCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Key_ranges_read_in_blocks_give_exactly_the_records_between_their_bounds(bool background)
    {
        using var folder = new TempFolder();
        var triples = Repetitive(12_000, distinct: 5_000, seed: 9);
        using var sorter = new ExternalSorter<TripleIds>(folder.Path, "range", 2_048, background);
        foreach (var triple in triples) sorter.Add(triple);
        var expected = FullSort(triples);
        var from = expected[expected.Count / 3];
        var to = expected[2 * expected.Count / 3];
        using var reader = sorter.OpenSorted(CancellationToken.None, from, to);
        var actual = ReadAll(reader, 100);
        Assert.Equal(expected.Where(t => TripleIds.Compare(t, from) >= 0 && TripleIds.Compare(t, to) < 0).ToList(), actual);
    }

    [Fact]
    public void A_sorter_without_records_reads_nothing_and_one_in_memory_reads_them_in_order()
    {
        using var folder = new TempFolder();
        using (var empty = new ExternalSorter<TripleIds>(folder.Path, "empty", 1_024))
        using (var reader = empty.OpenSorted(CancellationToken.None))
            Assert.Equal(0, reader.Read(new TripleIds[16]));
        var triples = Repetitive(900, distinct: 300, seed: 4);
        using var sorter = new ExternalSorter<TripleIds>(folder.Path, "memory", 1_024);
        foreach (var triple in triples) sorter.Add(triple);
        using var memory = sorter.OpenSorted(CancellationToken.None);
        Assert.Equal(FullSort(triples), ReadAll(memory, 64));
        Assert.Equal(0, sorter.RunCount);
    }

    [Fact]
    public void A_canceled_merge_stops_at_the_next_block()
    {
        using var folder = new TempFolder();
        using var sorter = new ExternalSorter<TripleIds>(folder.Path, "cancel", 1_024);
        foreach (var triple in Repetitive(5_000, distinct: 4_000, seed: 2)) sorter.Add(triple);
        using var cancel = new CancellationTokenSource();
        using var reader = sorter.OpenSorted(cancel.Token);
        Assert.True(reader.Read(new TripleIds[10]) > 0);
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => reader.Read(new TripleIds[10]));
    }

    [Fact]
    public void Canonical_ranges_read_in_blocks_give_triples_then_quads_as_the_enumerator_does()
    {
        using var folder = new TempFolder();
        var random = new Random(8);
        var graphs = Enumerable.Range(0, 5).Select(_ => new TermId(0x0100_0000_0000_0000UL, (ulong)random.NextInt64())).ToArray();
        var quads = new List<QuadIds>();
        foreach (var t in Repetitive(15_000, distinct: 6_000, seed: 8))
        {
            quads.Add(new QuadIds(TermId.DefaultGraph, t[0], t[1], t[2]));
            if (random.Next(4) == 0) quads.Add(new QuadIds(graphs[random.Next(graphs.Length)], t[0], t[1], t[2]));
        }
        using var whole = new CanonicalSorter(Directory.CreateDirectory(folder.Combine("whole")).FullName, 64 * 2_000);
        using var blocks = new CanonicalSorter(Directory.CreateDirectory(folder.Combine("blocks")).FullName, 64 * 2_000);
        foreach (var quad in quads)
        {
            whole.Add(quad);
            blocks.Add(quad);
        }
        var expected = whole.ReadSorted(CancellationToken.None).ToList();
        int parts = blocks.Partition(2, minimumPerPart: 1);
        var actual = new List<QuadIds>();
        for (int part = 0; part < parts; part++)
        {
            using var reader = blocks.OpenRange(part, CancellationToken.None);
            var block = new QuadIds[37];
            int count;
            while ((count = reader.Read(block)) > 0) actual.AddRange(block.AsSpan(0, count).ToArray());
        }
        // Ranges hold triples, then quads: compare each kind in order.
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Where(q => q[QuadIndex.Graph] == TermId.DefaultGraph), actual.Where(q => q[QuadIndex.Graph] == TermId.DefaultGraph));
        Assert.Equal(expected.Where(q => q[QuadIndex.Graph] != TermId.DefaultGraph), actual.Where(q => q[QuadIndex.Graph] != TermId.DefaultGraph));
    }
}
