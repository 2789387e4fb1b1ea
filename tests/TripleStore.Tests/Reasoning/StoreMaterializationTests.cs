using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>How derived triples live in the store: apart from asserted ones, droppable, with a persisted status.</summary>
public class StoreMaterializationTests
{
    private const string Ontology = ":A rdfs:subClassOf :B . :B rdfs:subClassOf :C . :p rdfs:domain :A . :x :p :y . :z a :A .";

    [Fact]
    public void DerivedTriplesAreVisibleByDefaultAndHiddenOnRequest()
    {
        using var data = new ReasoningTestData();
        var asserted = ReasoningTestData.Parse(Ontology);
        data.Add(asserted);
        long count = data.Store.Count();
        var result = data.Materialize();
        Assert.Equal(asserted.ToHashSet(), data.All(includeDerived: false));
        Assert.Contains(ReasoningTestData.T(":x a :C"), data.All());
        Assert.Equal(result.TotalDerived, data.Derived().Count);
        Assert.Equal(count, data.Store.Count());
        Assert.True(data.Store.Contains(ReasoningTestData.T(":z a :C").InGraph(null)));
        using var snapshot = data.Store.OpenSnapshot();
        Assert.True(snapshot.EstimateCount(null, RdfVocabulary.Type, new Iri("http://example.org/C"), TripleStore.Dataset.GraphSelector.Default) > 0);
    }

    [Fact]
    public void DropRemovesExactlyTheDerivedTriples()
    {
        using var data = new ReasoningTestData();
        var asserted = ReasoningTestData.Parse(Ontology);
        data.Add(asserted);
        data.Materialize();
        data.Store.DropMaterialization();
        Assert.Equal(asserted.ToHashSet(), data.All());
        Assert.False(data.Store.ReasoningStatus.IsMaterialized);
        data.Store.Add(ReasoningTestData.T(":w a :A").InGraph(null));
        Assert.False(data.Store.ReasoningStatus.IsStale);
    }

    [Fact]
    public void StatusIsPersistedAndChangesMakeItStale()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("store");
        long derived;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(ReasoningTestData.Parse(Ontology).Select(t => t.InGraph(null)));
            derived = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs }).TotalDerived;
            var status = store.ReasoningStatus;
            Assert.True(status.IsMaterialized);
            Assert.False(status.IsStale);
            Assert.Equal(ReasoningProfile.Rdfs, status.Profile);
            Assert.Equal(derived, status.DerivedCount);
            Assert.NotNull(status.LastRun);
        }
        using (var store = RdfStore.Open(path))
        {
            Assert.True(store.ReasoningStatus.IsMaterialized);
            Assert.False(store.ReasoningStatus.IsStale);
            Assert.Equal(derived, store.ReasoningStatus.DerivedCount);
            store.Add(ReasoningTestData.T(":v :p :u").InGraph(null));
            Assert.True(store.ReasoningStatus.IsStale);
        }
        using (var store = RdfStore.Open(path))
        {
            Assert.True(store.ReasoningStatus.IsStale);
            var result = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Rdfs });
            Assert.True(result.Incremental); // the change log survived the reopen
            Assert.False(store.ReasoningStatus.IsStale);
            using var snapshot = store.OpenSnapshot();
            Assert.Contains(snapshot.Match(null, null, null, TripleStore.Dataset.GraphSelector.Default).Select(q => q.Triple), t => t.Equals(ReasoningTestData.T(":v a :C")));
        }
    }

    [Fact]
    public void CancellationLeavesTheMaterializationMarkedStale()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(Ontology));
        data.Materialize();
        data.Store.Add(ReasoningTestData.T(":q a :A").InGraph(null));
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        var error = Assert.Throws<TripleStoreException>(() => data.Store.Materialize(new MaterializeOptions(), null, canceled.Token));
        Assert.Equal(ErrorCodes.Canceled, error.ErrorCode);
        Assert.True(data.Store.ReasoningStatus.IsStale);
        var result = data.Materialize();
        Assert.True(result.Incremental); // canceled before writing: the previous materialization and its log stand
        Assert.Contains(ReasoningTestData.T(":q a :C"), data.Derived());
    }

    [Fact]
    public void ABulkImportIsMaintainedIncrementally()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(Ontology));
        data.Materialize();
        data.Store.ImportQuads([ReasoningTestData.T(":r a :B").InGraph(null)]);
        Assert.True(data.Store.ReasoningStatus.IsStale);
        Assert.False(data.Store.ReasoningStatus.FullRunRequired);
        var result = data.Materialize();
        Assert.True(result.Incremental);
        Assert.Equal(1, result.Derived);
        Assert.Contains(ReasoningTestData.T(":r a :C"), data.Derived());
    }

    [Fact]
    public void FullOptionRecomputesAndChangingRulesRecomputes()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(Ontology));
        data.Materialize(rules: ["cax-sco"]);
        Assert.DoesNotContain(ReasoningTestData.T(":x a :A"), data.Derived());
        var result = data.Materialize(rules: ["cax-sco", "prp-dom"]);
        Assert.False(result.Incremental);
        Assert.Contains(ReasoningTestData.T(":x a :C"), data.Derived());
        Assert.False(data.Materialize(rules: ["cax-sco", "prp-dom"], full: true).Incremental);
    }
}
