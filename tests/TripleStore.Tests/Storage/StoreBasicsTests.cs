using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Storage;

public class StoreBasicsTests
{
    private static readonly Quad Sample = new(StoreTestData.Ex("s"), StoreTestData.Ex("p"), Literal.Simple("o"));

    [Fact]
    public void A_quad_added_twice_is_stored_once()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            Assert.True(store.Add(Sample));
            Assert.False(store.Add(Sample));
            Assert.Equal(1, store.AddRange([Sample, Sample with { Graph = StoreTestData.Ex("g") }, Sample]));
            Assert.Equal(2, store.Count());
            Assert.Equal(1, store.Count(GraphSelector.Default));
            var summary = store.ImportQuads([Sample, Sample, Sample with { Object = Literal.Simple("new") }]);
            Assert.Equal(3, summary.TriplesRead);
            Assert.Equal(1, summary.TriplesAdded);
            Assert.Equal(2, summary.Duplicates);
            Assert.Equal(3, store.Count());
            using var snapshot = store.OpenSnapshot();
            Assert.Single(snapshot.Match(Sample.Subject, Sample.Predicate, Sample.Object, GraphSelector.Default));
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Remove_deletes_from_every_index_and_updates_counts()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var data = StoreTestData.Mixed();
            store.AddRange(data);
            var victim = data.First(q => q.Graph is not null);
            Assert.True(store.Remove(victim));
            Assert.False(store.Remove(victim));
            Assert.Equal(data.Count - 1, store.Count());
            using var snapshot = store.OpenSnapshot();
            Assert.DoesNotContain(victim, snapshot.Match(victim.Subject, null, null, GraphSelector.Named(victim.Graph!)));
            Assert.DoesNotContain(victim, snapshot.Match(null, null, victim.Object, GraphSelector.AllNamed));
            Assert.DoesNotContain(victim, snapshot.Match(null, victim.Predicate, null, GraphSelector.All));
            var change = store.ApplyChanges([data[0], data[0]], [victim, victim]);
            Assert.Equal(new ChangeSummary(1, 1), change);
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Everything_written_is_found_again_after_close_and_reopen()
    {
        using var folder = new TempFolder();
        var data = StoreTestData.Mixed();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.AddRange(data.Take(20));
            store.ImportQuads(data.Skip(20));
        }
        finally
        {
            store.Dispose();
        }
        store = RdfStore.Open(folder.Path);
        try
        {
            using var snapshot = store.OpenSnapshot();
            var found = snapshot.Match(null, null, null, GraphSelector.All).ToHashSet();
            Assert.Equal(data.ToHashSet(), found);
            Assert.Equal(data.Count, store.Count());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void A_snapshot_does_not_see_later_writes()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            store.Add(Sample);
            using var before = store.OpenSnapshot();
            store.Add(Sample with { Object = Literal.Simple("later") });
            store.Remove(Sample);
            Assert.Equal([Sample], before.Match(null, null, null, GraphSelector.All).ToList());
            using var after = store.OpenSnapshot();
            Assert.Equal([Sample with { Object = Literal.Simple("later") }], after.Match(null, null, null, GraphSelector.All).ToList());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Statistics_count_quads_graphs_and_distinct_terms()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var data = StoreTestData.Mixed();
            store.AddRange(data);
            var stats = store.GetStatistics();
            Assert.Equal(data.Count, stats.Quads);
            Assert.Equal(data.Count(q => q.Graph is null), stats.DefaultGraphTriples);
            Assert.Equal(data.Count(q => q.Graph is not null), stats.NamedGraphQuads);
            Assert.Equal(data.Where(q => q.Graph is not null).GroupBy(q => q.Graph!).ToDictionary(g => g.Key, g => (long)g.Count()),
                stats.GraphCounts.ToDictionary(kv => kv.Key, kv => kv.Value));
            Assert.Equal(data.Select(q => q.Subject).Distinct().Count(), stats.DistinctSubjects);
            Assert.Equal(data.Select(q => q.Predicate).Distinct().Count(), stats.DistinctPredicates);
            Assert.Equal(data.Select(q => q.Object).Distinct().Count(), stats.DistinctObjects);
            var encoder = new TripleStore.Storage.TermEncoder();
            var dictionaryTerms = data.SelectMany(q => new[] { q.Subject, q.Predicate, q.Object, q.Graph }).OfType<Term>()
                .Distinct().Count(t => !encoder.Encode(t).IsInline);
            Assert.Equal(dictionaryTerms, stats.DictionaryTerms);
            Assert.True(stats.SizeOnDisk > 0);
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void Export_streams_the_selected_graphs_into_a_writer()
    {
        using var folder = new TempFolder();
        var store = RdfStore.Open(folder.Path);
        try
        {
            var data = StoreTestData.Mixed();
            store.AddRange(data);
            var all = new CollectingWriter();
            Assert.Equal(data.Count, store.Export(all));
            Assert.Equal(data.ToHashSet(), all.Quads.ToHashSet());
            Assert.True(all.Finished);
            var defaultOnly = new CollectingWriter();
            store.Export(defaultOnly, GraphSelector.Default);
            Assert.Equal(data.Where(q => q.Graph is null).ToHashSet(), defaultOnly.Quads.ToHashSet());
            var oneGraph = new CollectingWriter();
            store.Export(oneGraph, GraphSelector.Named(StoreTestData.Ex("g1")));
            Assert.Equal(data.Where(q => q.Graph == StoreTestData.Ex("g1")).ToHashSet(), oneGraph.Quads.ToHashSet());
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public void A_read_only_store_refuses_writes_and_a_closed_store_refuses_everything()
    {
        using var folder = new TempFolder();
        RdfStore.Open(folder.Path).Dispose();
        var readOnly = RdfStore.Open(folder.Path, new StoreOptions { ReadOnly = true });
        try
        {
            var e = Assert.Throws<TripleStoreException>(() => readOnly.Add(Sample));
            Assert.Equal(ErrorCodes.StoreReadOnly, e.ErrorCode);
        }
        finally
        {
            readOnly.Dispose();
        }
        var closed = RdfStore.Open(folder.Path);
        var snapshot = closed.OpenSnapshot();
        closed.Dispose();
        Assert.Equal(ErrorCodes.StoreClosed, Assert.Throws<TripleStoreException>(() => closed.Add(Sample)).ErrorCode);
        Assert.Equal(ErrorCodes.StoreClosed, Assert.Throws<TripleStoreException>(() => snapshot.Match(null, null, null, GraphSelector.All).ToList()).ErrorCode);
    }

    [Fact]
    public void Opening_a_missing_store_read_only_says_so()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<TripleStoreException>(() => RdfStore.Open(folder.Combine("none"), new StoreOptions { ReadOnly = true }));
        Assert.Equal(ErrorCodes.FileNotFound, e.ErrorCode);
    }

    private sealed class CollectingWriter : RdfWriter
    {
        public List<Quad> Quads { get; } = [];
        public bool Finished { get; private set; }
        public override RdfFormat Format => RdfFormat.NQuads;
        public override void Write(in Quad quad) => Quads.Add(quad);
        protected override void OnFinish() => Finished = true;
    }
}
