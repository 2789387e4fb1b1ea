using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Storage;
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
            // A bound object with thousands of matches is estimated from the range's size on disk, within bounds.
            long classMembers = snapshot.Match(null, RdfVocabulary.Type, StoreTestData.Ex("Class0"), GraphSelector.Default).LongCount();
            Assert.InRange(snapshot.EstimateCount(null, RdfVocabulary.Type, StoreTestData.Ex("Class0"), GraphSelector.Default), Math.Min(1024, classMembers), 30_000);
            // Ids decode lazily: the encoded match holds the same ids that Encode gives.
            var first = snapshot.MatchEncoded(StoreTestData.Ex("s0"), null, null, GraphSelector.Default).Single();
            Assert.Equal(snapshot.Encode(StoreTestData.Ex("s0")), first.Subject);
            Assert.Equal(RdfVocabulary.Type, snapshot.Decode(first.Predicate));
            Assert.True(first.IsInDefaultGraph);
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

    /// <summary>Every key of one index, read back into ids in s, p, o, g order.</summary>
    private static HashSet<QuadIds> IndexContents(RdfStore store, QuadIndex index)
    {
        var scanner = new QuadScanner(store.Database.Db, store.Database.Data, null);
        return scanner.ScanRaw([(byte)index.Section]).Select(entry => index.ReadKey(entry.Key)).ToHashSet();
    }

    [Fact]
    public void Every_index_holds_the_same_quads_after_imports_whose_secondary_indexes_spill_runs()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            // 256 KiB: the secondary builders get a few thousand records each and spill several runs.
            var budget = new ImportOptions { MemoryBudgetBytes = 256 << 10 };
            store.ImportQuads(StoreTestData.Generated(12_000).Concat(StoreTestData.Generated(9_000, "n", StoreTestData.Ex("g1"))), budget);
            // The second import overlaps the first in both families and brings a new named graph.
            store.ImportQuads(StoreTestData.Generated(15_000).Concat(StoreTestData.Generated(9_500, "n", StoreTestData.Ex("g1")))
                .Concat(StoreTestData.Generated(7_000, "m", StoreTestData.Ex("g2"))), budget);
            var defaultQuads = IndexContents(store, QuadIndex.DefaultSpo);
            var namedQuads = IndexContents(store, QuadIndex.NamedGspo);
            Assert.Equal(15_000, defaultQuads.Count);
            Assert.Equal(16_500, namedQuads.Count);
            foreach (var index in QuadIndex.DefaultGraph.Skip(1)) Assert.True(defaultQuads.SetEquals(IndexContents(store, index)), $"{index} differs from SPO");
            foreach (var index in QuadIndex.NamedGraphs.Skip(1)) Assert.True(namedQuads.SetEquals(IndexContents(store, index)), $"{index} differs from GSPO");
            var stats = store.GetStatistics();
            Assert.Equal(31_500, stats.Quads);
            Assert.Equal(9_500, stats.GraphCounts[StoreTestData.Ex("g1")]);
            Assert.Equal(7_000, stats.GraphCounts[StoreTestData.Ex("g2")]);
            // Subjects: s0..s14999, n0..n9499, m0..m6999; objects: 7 classes and "Name number i" for odd i < 15,000
            // (shared by the three prefixes); each class object has thousands of keys, so the count seeks past them.
            Assert.Equal(15_000 + 9_500 + 7_000, stats.DistinctSubjects);
            Assert.Equal(7 + 7_500, stats.DistinctObjects);
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
            bool importDone = false;
            var reader = Task.Run(() =>
            {
                while (true)
                {
                    // One last full look after the import returned, so the test also sees the finished state.
                    bool last = Volatile.Read(ref importDone);
                    using var snapshot = store.OpenSnapshot();
                    long seen = snapshot.Match(null, null, null, GraphSelector.All).LongCount();
                    long counted = snapshot.EstimateCount(null, null, null, GraphSelector.All);
                    lock (observed) { observed.Add(seen); observed.Add(counted); }
                    if (last) return;
                }
            });
            store.ImportQuads(StoreTestData.Generated(Count / 2).Concat(StoreTestData.Generated(Count / 2, "n", StoreTestData.Ex("g"))),
                new ImportOptions { MemoryBudgetBytes = 1 << 20 });
            Volatile.Write(ref importDone, true);
            Assert.True(reader.Wait(TimeSpan.FromMinutes(2)));
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
