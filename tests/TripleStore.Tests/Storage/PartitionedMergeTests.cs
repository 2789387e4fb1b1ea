using System.Text;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// The import's canonical merge can be cut into key ranges merged and written on several threads at once.
/// These tests hold the partitioned merge to the single one: the same records from the sorters, and the same
/// store (quads, every index, counters, statistics) after imports with duplicates, named graphs and many files.
/// </summary>
public class PartitionedMergeTests
{
    private static TermId Id(Random random) =>
        new(((ulong)(random.Next(1, 4)) << 56) | (ulong)random.NextInt64(0, 1L << 40), (ulong)random.NextInt64());

    private static List<TripleIds> Triples(int count, int seed)
    {
        var random = new Random(seed);
        var predicates = Enumerable.Range(0, 5).Select(_ => Id(random)).ToArray();
        var subjects = Enumerable.Range(0, count / 4).Select(_ => Id(random)).ToArray();
        var list = new List<TripleIds>(count);
        for (int i = 0; i < count; i++)
        {
            var triple = new TripleIds(subjects[random.Next(subjects.Length)], predicates[random.Next(predicates.Length)], Id(random));
            list.Add(triple);
            // Repeats, so the ranges must drop duplicates the way the whole merge does.
            if (i % 9 == 0) list.Add(triple);
        }
        return list;
    }

    [Theory]
    [InlineData(1_000, false, 2)]
    [InlineData(1_000, true, 3)]
    [InlineData(4_096, true, 4)]
    [InlineData(100_000, false, 2)]
    public void Key_ranges_of_an_external_sort_read_in_turn_give_the_whole_sorted_output(int capacity, bool background, int parts)
    {
        using var folder = new TempFolder();
        var triples = Triples(30_000, capacity + parts);
        using var whole = new ExternalSorter<TripleIds>(folder.Combine("whole"), "t", capacity, background);
        using var split = new ExternalSorter<TripleIds>(folder.Combine("split"), "t", capacity, background);
        Directory.CreateDirectory(folder.Combine("whole"));
        Directory.CreateDirectory(folder.Combine("split"));
        foreach (var triple in triples)
        {
            whole.Add(triple);
            split.Add(triple);
        }
        var expected = whole.ReadSorted(CancellationToken.None).ToList();
        var splitters = split.Splitters(parts, minimumPerPart: 1);
        Assert.Equal(parts - 1, splitters.Count);
        var actual = new List<TripleIds>();
        var sizes = new List<int>();
        for (int i = 0; i <= splitters.Count; i++)
        {
            TripleIds? from = i == 0 ? null : splitters[i - 1];
            TripleIds? to = i < splitters.Count ? splitters[i] : null;
            var range = split.ReadSorted(CancellationToken.None, from, to).ToList();
            sizes.Add(range.Count);
            actual.AddRange(range);
        }
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.True(expected[i].Equals(actual[i]), $"record {i} differs");
        // The splitters come from the quantiles of every run and the buffer: no range is starved.
        Assert.All(sizes, size => Assert.InRange(size, expected.Count / parts / 3, expected.Count));
        if (capacity < 30_000) Assert.True(split.RunCount > 0);
    }

    [Fact]
    public void Ranges_of_the_canonical_sort_read_at_once_give_each_quad_once_in_order()
    {
        using var folder = new TempFolder();
        var random = new Random(5);
        var graphs = Enumerable.Range(0, 7).Select(_ => Id(random)).ToArray();
        var quads = new List<QuadIds>();
        foreach (var t in Triples(20_000, 11))
        {
            quads.Add(new QuadIds(TermId.DefaultGraph, t[0], t[1], t[2]));
            if (random.Next(3) == 0) quads.Add(new QuadIds(graphs[random.Next(graphs.Length)], t[0], t[1], t[2]));
        }
        using var whole = new CanonicalSorter(Directory.CreateDirectory(folder.Combine("whole")).FullName, 64 * 3_000);
        using var split = new CanonicalSorter(Directory.CreateDirectory(folder.Combine("split")).FullName, 64 * 3_000);
        foreach (var quad in quads)
        {
            whole.Add(quad);
            split.Add(quad);
        }
        whole.FinishInput();
        var expected = whole.ReadSorted(CancellationToken.None).ToList();
        int parts = split.Partition(3, minimumPerPart: 1);
        Assert.Equal(3, parts);
        // Read on three threads at once, as the import does.
        var ranges = new List<QuadIds>[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, i => ranges[i] = split.ReadSorted(i, CancellationToken.None).ToList());
        var actual = ranges.SelectMany(range => range).ToList();
        // Each range holds triples, then quads; concatenated, triples of later ranges come after quads of earlier ones.
        Assert.Equal(expected.Count, actual.Count);
        var defaultOrder = actual.Where(q => q[QuadIndex.Graph] == TermId.DefaultGraph).ToList();
        var namedOrder = actual.Where(q => q[QuadIndex.Graph] != TermId.DefaultGraph).ToList();
        var expectedDefault = expected.Where(q => q[QuadIndex.Graph] == TermId.DefaultGraph).ToList();
        var expectedNamed = expected.Where(q => q[QuadIndex.Graph] != TermId.DefaultGraph).ToList();
        Assert.Equal(expectedDefault, defaultOrder);
        Assert.Equal(expectedNamed, namedOrder);
        Assert.All(ranges, range => Assert.NotEmpty(range));
    }

    /// <summary>N-Triples and N-Quads files with repeats inside and across files, named graphs and typed literals.</summary>
    private static List<string> WriteFiles(TempFolder folder, string name, int files, int perFile)
    {
        var paths = new List<string>();
        for (int f = 0; f < files; f++)
        {
            var text = new StringBuilder();
            bool quads = f % 2 == 1;
            for (int i = 0; i < perFile; i++)
            {
                // Subjects overlap between neighbouring files, so whole triples repeat across files.
                int s = f * perFile / 2 + i;
                string graph = quads && i % 3 != 0 ? $" <http://ex.org/g{i % 4}>" : "";
                text.Append($"<http://ex.org/s{s}> <http://ex.org/p{i % 6}> <http://ex.org/o{s % 500}>{graph} .\n");
                text.Append($"<http://ex.org/s{s}> <http://ex.org/name> \"name of subject number {s}\"{graph} .\n");
                text.Append($"<http://ex.org/s{s}> <http://ex.org/age> \"{s % 90}\"^^<http://www.w3.org/2001/XMLSchema#integer>{graph} .\n");
                if (i % 5 == 0) text.Append($"<http://ex.org/s{s}> <http://ex.org/p{i % 6}> <http://ex.org/o{s % 500}>{graph} .\n");
            }
            string path = folder.Combine($"{name}{f}.{(quads ? "nq" : "nt")}");
            File.WriteAllText(path, text.ToString());
            paths.Add(path);
        }
        return paths;
    }

    private static string Export(RdfStore store)
    {
        var text = new StringWriter();
        store.Export(RdfSerializer.Create(text, RdfFormat.NQuads), GraphSelector.All);
        return string.Join("\n", text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    private static List<string> IndexKeys(RdfStore store, QuadIndex index)
    {
        var scanner = new QuadScanner(store.Database.Db, store.Database.Data, null);
        return scanner.ScanRaw([(byte)index.Section]).Select(entry => Convert.ToHexString(entry.Key)).ToList();
    }

    private static string Counters(RdfStore store)
    {
        var scanner = new QuadScanner(store.Database.Db, store.Database.Data, null);
        return string.Join(",", scanner.ScanRaw([(byte)KeySection.Counter]).Select(entry => Convert.ToHexString(entry.Key) + "=" + Convert.ToHexString(entry.Value)));
    }

    [Theory]
    [InlineData(2, 256 << 10)]
    [InlineData(3, 256 << 10)]
    [InlineData(4, 64L << 20)]
    public void A_partitioned_merge_gives_the_same_store_as_the_single_merge(int partitions, long budget)
    {
        using var folder = new TempFolder();
        var first = WriteFiles(folder, "first", 6, 3_000);
        var second = WriteFiles(folder, "second", 3, 2_500);
        using var single = RdfStore.Open(folder.Combine("single"));
        using var split = RdfStore.Open(folder.Combine("split"));
        var ranges = new List<int>();
        var one = new ImportOptions { MemoryBudgetBytes = budget, MergePartitions = 1 };
        var many = new ImportOptions { MemoryBudgetBytes = budget, MergePartitions = partitions, OnMergeRanges = ranges.Add };
        // Twice: into an empty store, then into one that already holds part of the input.
        var summaries = new[] { single.Import(first, one), split.Import(first, many), single.Import(second, one), split.Import(second, many) };
        Assert.Equal(summaries[0], summaries[1] with { Elapsed = summaries[0].Elapsed });
        Assert.Equal(summaries[2], summaries[3] with { Elapsed = summaries[2].Elapsed });
        // Both imports really merged in the ranges asked for.
        Assert.Equal([partitions, partitions], ranges);
        Assert.True(summaries[1].Duplicates > 0);
        Assert.True(summaries[3].Duplicates > 0);
        Assert.Equal(single.Count(), split.Count());
        Assert.Equal(Export(single), Export(split));
        foreach (var index in QuadIndex.DefaultGraph.Concat(QuadIndex.NamedGraphs))
            Assert.Equal(IndexKeys(single, index), IndexKeys(split, index));
        Assert.Equal(Counters(single), Counters(split));
        var a = single.GetStatistics();
        var b = split.GetStatistics();
        Assert.Equal(a.Quads, b.Quads);
        Assert.Equal(a.GraphCounts.OrderBy(g => g.Key.ToString()), b.GraphCounts.OrderBy(g => g.Key.ToString()));
        Assert.Equal(a.DictionaryTerms, b.DictionaryTerms);
        Assert.Equal(a.DistinctSubjects, b.DistinctSubjects);
        Assert.True(b.GraphCounts.Count >= 4);
    }

    [Fact]
    public void A_partitioned_import_that_fails_leaves_the_store_unchanged()
    {
        using var folder = new TempFolder();
        var files = WriteFiles(folder, "part", 3, 2_000);
        string bad = folder.Combine("bad.nt");
        File.WriteAllText(bad, "<http://ex.org/a> <http://ex.org/b> <http://ex.org/c> .\n<http://ex.org/a> <http://ex.org/b> .\n");
        using var store = RdfStore.Open(folder.Combine("store"));
        int used = 0;
        store.Import(files.Take(1), new ImportOptions { MergePartitions = 3, OnMergeRanges = n => used = n });
        Assert.Equal(3, used);
        long before = store.Count();
        Assert.ThrowsAny<Exception>(() => store.Import(files.Skip(1).Append(bad), new ImportOptions { MergePartitions = 3, MemoryBudgetBytes = 256 << 10 }));
        Assert.Equal(before, store.Count());
        // The next import with ranges still works and adds what the failed one would have.
        store.Import(files.Skip(1), new ImportOptions { MergePartitions = 3, MemoryBudgetBytes = 256 << 10 });
        Assert.True(store.Count() > before);
    }
}
