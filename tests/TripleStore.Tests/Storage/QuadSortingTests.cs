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
        using var sorter = new ExternalQuadSorter(folder.Path, "test", 4_096);
        foreach (var quad in quads) sorter.Add(quad);
        var sorted = sorter.ReadSorted(CancellationToken.None).ToList();
        Assert.Equal(expected.Count, sorted.Count);
        for (int i = 0; i < sorted.Count; i++) Assert.True(expected[i].Equals(sorted[i]), $"record {i} differs");
    }
}
