using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Reasoning;
using Xunit;

namespace TripleStore.Tests.Storage;

/// <summary>
/// Join-order estimates are remembered per state of the data and shared by the snapshots of that state;
/// a write starts over, and a snapshot of an older state never sees the newer state's numbers.
/// </summary>
public class EstimateMemoTests
{
    private static readonly Iri P = StoreTestData.Ex("p");

    private static List<Quad> Edges(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new Quad(StoreTestData.Ex("s" + (i % 7)), P, StoreTestData.Ex("o" + i), null)).ToList();

    [Fact]
    public void Estimates_follow_writes_and_each_snapshot_keeps_its_own_state()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Edges(0, 70));
        using var before = store.OpenSnapshot();
        Assert.Equal(70, before.EstimateCount(null, P, null, GraphSelector.Default));
        Assert.Equal(10, before.EstimateCount(StoreTestData.Ex("s3"), P, null, GraphSelector.Default));
        Assert.Equal(10, before.EstimateFanout(null, P, null, GraphSelector.Default, subjectLater: true, predicateLater: false, objectLater: false));

        store.AddRange(Edges(70, 70));
        using (var after = store.OpenSnapshot())
        {
            Assert.Equal(140, after.EstimateCount(null, P, null, GraphSelector.Default));
            Assert.Equal(20, after.EstimateCount(StoreTestData.Ex("s3"), P, null, GraphSelector.Default));
            Assert.Equal(20, after.EstimateFanout(null, P, null, GraphSelector.Default, subjectLater: true, predicateLater: false, objectLater: false));
        }
        // The older snapshot still estimates its own data, also for questions it had not asked yet.
        Assert.Equal(10, before.EstimateCount(StoreTestData.Ex("s3"), P, null, GraphSelector.Default));
        Assert.Equal(10, before.EstimateCount(StoreTestData.Ex("s4"), P, null, GraphSelector.Default));

        store.RemoveRange(Edges(0, 140));
        using var empty = store.OpenSnapshot();
        Assert.Equal(0, empty.EstimateCount(StoreTestData.Ex("s3"), P, null, GraphSelector.Default));
        Assert.Equal(0, empty.EstimateFanout(null, P, null, GraphSelector.Default, subjectLater: true, predicateLater: false, objectLater: false));
    }

    [Fact]
    public void A_predicate_that_materialization_adds_later_is_found_in_the_derived_triples()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(":A rdfs:subClassOf :B . :x a :A . :x :name \"x\" . :q rdfs:subPropertyOf :r . :x :q :y ."));
        data.Materialize();
        const string query = "SELECT ?s ?n WHERE { ?s <http://example.org/r> ?o . ?s <http://example.org/name> ?n . ?s a <http://example.org/B> }";
        // :r and the type are derived; :name is asserted only, so its lookups skip the derived family.
        Assert.Equal(1, Count(data.Store, query));

        // A predicate the derived triples lacked when a query looked it up appears after a new materialization.
        const string later = "SELECT ?s WHERE { ?s <http://example.org/t> <http://example.org/y> }";
        Assert.Equal(0, Count(data.Store, later));
        data.Add(ReasoningTestData.Parse(":q rdfs:subPropertyOf :t ."));
        data.Materialize();
        Assert.Equal(1, Count(data.Store, later));

        data.Store.DropMaterialization();
        Assert.Equal(0, Count(data.Store, later));
        Assert.Equal(0, Count(data.Store, query));
    }

    private static int Count(RdfStore store, string query) =>
        ((SolutionSequence)store.Query(query, new QueryOptions { UseResultCache = false })).Count();
}
