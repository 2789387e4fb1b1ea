using TripleStore.Dataset;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Storage;

public class ImportTests
{
    private static IEnumerable<Quad> ThrowsAfter(IEnumerable<Quad> quads, int count)
    {
        int i = 0;
        foreach (var quad in quads)
        {
            if (i++ == count) throw new InvalidOperationException("the source broke");
            yield return quad;
        }
    }

    private static HashSet<Quad> Everything(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        return snapshot.Match(null, null, null, GraphSelector.All).ToHashSet();
    }

    [Fact]
    public void A_large_import_spills_sorted_runs_and_still_stores_each_quad_once()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            // 1 MiB budget = runs of 8192 quads, so 60,000 quads (with repeats) take several runs.
            var input = StoreTestData.Generated(30_000).Concat(StoreTestData.Generated(10_000))
                .Concat(StoreTestData.Generated(20_000, "t", StoreTestData.Ex("g"))).ToList();
            var summary = store.ImportQuads(input, new ImportOptions { MemoryBudgetBytes = 1 << 20 });
            Assert.Equal(60_000, summary.TriplesRead);
            Assert.Equal(50_000, summary.TriplesAdded);
            Assert.Equal(10_000, summary.Duplicates);
            Assert.Equal(input.ToHashSet(), Everything(store));
            using var snapshot = store.OpenSnapshot();
            Assert.Equal(15_000, snapshot.Match(null, RdfVocabulary.Type, null, GraphSelector.Default).Count());
            Assert.Equal(30_000, snapshot.EstimateCount(null, null, null, GraphSelector.Default));
            Assert.Equal(15_000, snapshot.EstimateCount(null, RdfVocabulary.Type, null, GraphSelector.Default));
            Assert.Equal(10_000, snapshot.EstimateCount(null, RdfVocabulary.Type, null, GraphSelector.AllNamed));
            var stats = store.GetStatistics();
            Assert.Equal(50_000, stats.Quads);
            Assert.Equal(20_000, stats.GraphCounts[StoreTestData.Ex("g")]);

            // A second import into a non-empty store checks against what is there.
            var again = store.ImportQuads(StoreTestData.Generated(30_010), new ImportOptions { MemoryBudgetBytes = 1 << 20 });
            Assert.Equal(10, again.TriplesAdded);
            Assert.Equal(30_000, again.Duplicates);
            Assert.Equal(50_010, store.Count());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void An_import_whose_source_fails_part_way_leaves_the_store_unchanged()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var before = StoreTestData.Mixed();
            store.AddRange(before);
            var statsBefore = store.GetStatistics();
            var e = Assert.Throws<InvalidOperationException>(() =>
                store.ImportQuads(ThrowsAfter(StoreTestData.Generated(40_000), 25_000), new ImportOptions { MemoryBudgetBytes = 1 << 20 }));
            Assert.Equal("the source broke", e.Message);
            Assert.Equal(before.ToHashSet(), Everything(store));
            var statsAfter = store.GetStatistics();
            Assert.Equal(statsBefore.Quads, statsAfter.Quads);
            Assert.Equal(statsBefore.DictionaryTerms, statsAfter.DictionaryTerms);
            Assert.False(Directory.EnumerateFileSystemEntries(Path.Combine(store.Path, "import-tmp")).Any());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void A_canceled_import_leaves_the_store_unchanged()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.Add(new Quad(StoreTestData.Ex("a"), StoreTestData.Ex("b"), StoreTestData.Ex("c")));
            using var cancel = new CancellationTokenSource();
            IEnumerable<Quad> Source()
            {
                int i = 0;
                foreach (var quad in StoreTestData.Generated(100_000))
                {
                    if (++i == 20_000) cancel.Cancel();
                    yield return quad;
                }
            }
            var e = Assert.Throws<TripleStoreException>(() => store.ImportQuads(Source(), cancellation: cancel.Token));
            Assert.Equal(ErrorCodes.Canceled, e.ErrorCode);
            Assert.Equal(1, store.Count());
            Assert.Single(Everything(store));
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Readers_during_an_import_see_all_of_it_or_none_of_it()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            const int Count = 60_000;
            var observed = new List<long>();
            using var done = new CancellationTokenSource();
            var reader = Task.Run(() =>
            {
                while (!done.IsCancellationRequested)
                {
                    using var snapshot = store.OpenSnapshot();
                    long seen = snapshot.Match(null, null, null, GraphSelector.All).LongCount();
                    long counted = snapshot.EstimateCount(null, null, null, GraphSelector.All);
                    lock (observed) { observed.Add(seen); observed.Add(counted); }
                }
            });
            store.ImportQuads(StoreTestData.Generated(Count / 2).Concat(StoreTestData.Generated(Count / 2, "n", StoreTestData.Ex("g"))),
                new ImportOptions { MemoryBudgetBytes = 1 << 20 });
            Thread.Sleep(50);
            done.Cancel();
            reader.Wait();
            Assert.NotEmpty(observed);
            Assert.All(observed, n => Assert.True(n == 0 || n == Count, $"a reader saw {n} quads"));
            Assert.Contains(observed, n => n == Count);
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Killing_the_process_mid_import_leaves_the_store_unchanged_after_reopen()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.Add(new Quad(StoreTestData.Ex("before"), StoreTestData.Ex("p"), StoreTestData.Ex("o")));
        }
        finally
        {
            store.Dispose();
        }
        using (var child = ChildProcess.Start("import-forever", folder.Path))
        {
            child.WaitFor("importing", TimeSpan.FromSeconds(60));
            Thread.Sleep(300); // let it write sorted runs to disk
            child.Kill();
        }
        store = RdfStore.Open(folder.Path);
        try
        {
            Assert.Equal(1, store.Count());
            Assert.Single(Everything(store));
            Assert.False(Directory.Exists(Path.Combine(store.Path, "import-tmp")) &&
                Directory.EnumerateFileSystemEntries(Path.Combine(store.Path, "import-tmp")).Any());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Triples_go_to_the_graph_named_in_the_options()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var g = StoreTestData.Ex("target");
            var other = StoreTestData.Ex("other");
            store.ImportQuads([new Quad(StoreTestData.Ex("s"), StoreTestData.Ex("p"), StoreTestData.Ex("o")),
                new Quad(StoreTestData.Ex("s"), StoreTestData.Ex("p"), StoreTestData.Ex("o2"), other)], new ImportOptions { Graph = g });
            Assert.Equal(0, store.Count(GraphSelector.Default));
            Assert.Equal(1, store.Count(GraphSelector.Named(g)));
            Assert.Equal(1, store.Count(GraphSelector.Named(other)));
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Progress_is_reported_through_to_completion()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var phases = new List<ImportPhase>();
            var progress = new SynchronousProgress(p => { lock (phases) phases.Add(p.Phase); });
            store.ImportQuads(StoreTestData.Generated(1000), progress: progress);
            Assert.Equal(ImportPhase.Completed, phases[^1]);
            Assert.Contains(ImportPhase.Committing, phases);
        }
        finally
        {
            store.Dispose();
        }
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
