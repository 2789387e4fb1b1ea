using TripleStore.Rdf;
using TripleStore.Storage;
using Xunit;

namespace TripleStore.Tests.Storage;

public class ImportMemoryTests
{
    private static TermId Id(int i) => TermEncoder.HashId(TermTag.Iri, System.Text.Encoding.UTF8.GetBytes("http://example.org/t" + i));

    private static byte[] Value(int i) => System.Text.Encoding.UTF8.GetBytes("value of term " + i + new string('x', i % 40));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dictionary_that_spilled_keeps_nothing_in_memory_for_its_merge_and_reads_every_entry(bool background)
    {
        using var folder = new TempFolder();
        // A 64 KiB budget spills every few hundred entries; every entry comes twice.
        using var sorter = new DictionarySorter(folder.Path, 64 << 10, background);
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 5_000; i++) sorter.Add(Id(i), Value(i));
        Assert.True(sorter.BytesInMemory > 0);
        sorter.FinishInput();
        Assert.Equal(0, sorter.BytesInMemory);
        var read = sorter.ReadSorted(CancellationToken.None).Select(e => (e.Id, e.Value.AsSpan(0, e.Length).ToArray())).ToList();
        Assert.Equal(Enumerable.Range(0, 5_000).Select(Id).Order(), read.Select(e => e.Id));
        var byId = Enumerable.Range(0, 5_000).ToDictionary(Id, Value);
        foreach (var (id, value) in read) Assert.Equal(byId[id], value);
    }

    [Fact]
    public void A_dictionary_that_fits_in_memory_drops_its_spare_half_and_keeps_the_other_for_the_merge()
    {
        using var folder = new TempFolder();
        using var sorter = new DictionarySorter(folder.Path, 8 << 20, spillInBackground: true);
        for (int i = 0; i < 1_000; i++) sorter.Add(Id(i), Value(i));
        long before = sorter.BytesInMemory;
        sorter.FinishInput();
        // One half of the 8 MiB is allocated and kept (its entries are read from memory); no spare was made.
        Assert.Equal(before, sorter.BytesInMemory);
        Assert.InRange(sorter.BytesInMemory, 1 << 20, 4 << 20);
        Assert.Equal(1_000, sorter.ReadSorted(CancellationToken.None).Count());
    }

    [Theory]
    [InlineData(1L << 20)]
    [InlineData(512L << 20)]
    [InlineData(1L << 30)]
    [InlineData(3L << 30)]
    public void The_sort_buffers_share_three_quarters_of_the_budget_in_every_phase(long bytes)
    {
        var budget = new ImportBudget(bytes);
        Assert.Equal(budget.SortBuffers, budget.Canonical + budget.Dictionary);
        Assert.InRange(budget.SortBuffers, bytes * 3 / 4 - 4, bytes * 3 / 4);
        // The merge: the canonical sorter's last buffer (at most a quarter once it spilled, half otherwise) and
        // whatever the dictionary kept; the builders get the rest, never a negative share.
        foreach (var (canonical, dictionary) in new[] { (bytes / 4, 0L), (bytes / 2, bytes / 8), (bytes / 10, 0L), (bytes, bytes) })
        {
            long secondary = budget.Secondary(canonical, dictionary);
            Assert.True(secondary >= 0);
            if (secondary > 0) Assert.Equal(budget.SortBuffers, canonical + dictionary + secondary);
        }
        // A large import: the canonical sorter spilled and keeps a quarter, the dictionary spilled everything;
        // the builders get half the budget.
        Assert.Equal(bytes / 2, budget.Secondary(bytes / 4, 0));
    }

    [Fact]
    public void The_default_budget_is_one_gibibyte_and_a_tiny_one_is_raised_to_one_mebibyte()
    {
        Assert.Equal(1L << 30, new ImportOptions().MemoryBudgetBytes);
        Assert.Equal(1L << 30, ImportOptions.DefaultMemoryBudgetBytes);
        Assert.Equal(1L << 20, new ImportBudget(1000).Bytes);
    }

    [Fact]
    public void Only_imports_that_held_a_large_part_of_their_budget_give_memory_back()
    {
        var budget = new ImportBudget(1L << 30);
        Assert.False(budget.WorthReleasing(10L << 20));
        Assert.True(budget.WorthReleasing(64L << 20));
        var small = new ImportBudget(1L << 20);
        Assert.False(small.WorthReleasing(200 << 10));
        Assert.True(small.WorthReleasing(256 << 10));
    }

    [Fact]
    public void A_large_import_gives_memory_back_after_reading_and_at_its_end_and_stores_the_same()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var phases = new List<string>();
        var input = StoreTestData.Generated(30_000).Concat(StoreTestData.Generated(5_000, "t", StoreTestData.Ex("g"))).ToList();
        // 1 MiB budget: 35,000 records of 48–64 bytes are far more than a quarter of it.
        var summary = store.ImportQuads(input, new ImportOptions { MemoryBudgetBytes = 1 << 20, OnMemoryReleased = phases.Add });
        Assert.Equal(["read", "import"], phases);
        Assert.Equal(35_000, summary.TriplesAdded);
        using var snapshot = store.OpenSnapshot();
        Assert.Equal(input.ToHashSet(), snapshot.Match(null, null, null, TripleStore.Dataset.GraphSelector.All).ToHashSet());
    }

    [Fact]
    public void A_small_import_does_not_collect_the_whole_process()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var phases = new List<string>();
        var summary = store.ImportQuads(StoreTestData.Generated(1_000), new ImportOptions { OnMemoryReleased = phases.Add });
        Assert.Empty(phases);
        Assert.Equal(1_000, summary.TriplesAdded);
    }

    [Fact]
    public void A_failed_large_import_still_gives_its_buffers_back_and_changes_nothing()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        var phases = new List<string>();
        Assert.ThrowsAny<Exception>(() => store.ImportQuads(Failing(StoreTestData.Generated(30_000), 25_000),
            new ImportOptions { MemoryBudgetBytes = 1 << 20, OnMemoryReleased = phases.Add }));
        Assert.Equal(["import"], phases);
        Assert.Equal(0, store.GetStatistics().Quads);
    }

    private static IEnumerable<Quad> Failing(IEnumerable<Quad> quads, int after)
    {
        int i = 0;
        foreach (var quad in quads)
        {
            if (i++ == after) throw new InvalidOperationException("the source broke");
            yield return quad;
        }
    }
}
