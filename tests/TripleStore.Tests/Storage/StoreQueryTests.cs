using TripleStore.Rdf;
using TripleStore.Sparql;
using Xunit;

namespace TripleStore.Tests.Storage;

public class StoreQueryTests
{
    private static readonly Iri Name = StoreTestData.Ex("name");

    private static RdfStore OpenWithPeople(TempFolder folder, StoreOptions? options = null)
    {
        var store = RdfStore.Open(folder.Path, options);
        store.AddRange([
            new Quad(StoreTestData.Ex("alice"), Name, Literal.Simple("Alice")),
            new Quad(StoreTestData.Ex("bob"), Name, Literal.Simple("Bob")),
        ]);
        return store;
    }

    [Fact]
    public void A_query_reads_the_snapshot_taken_when_it_was_called()
    {
        using var folder = new TempFolder();
        using var store = OpenWithPeople(folder);

        var rows = (SolutionSequence)store.Query("SELECT ?n { ?s <http://example.org/name> ?n }");
        store.Add(new Quad(StoreTestData.Ex("carol"), Name, Literal.Simple("Carol")));

        Assert.Equal(new[] { "Alice", "Bob" }, rows.Select(r => ((Literal)r[0]!).Value).Order());
        Assert.Equal(3, ((SolutionSequence)store.Query("SELECT ?n { ?s <http://example.org/name> ?n }")).Count());
    }

    [Fact]
    public void A_result_is_read_once_because_its_snapshot_is_released_after_reading()
    {
        using var folder = new TempFolder();
        using var store = OpenWithPeople(folder);

        var triples = (GraphResult)store.Query("CONSTRUCT { ?s <http://example.org/label> ?n } WHERE { ?s <http://example.org/name> ?n }");
        Assert.Single(triples.Take(1));

        Assert.Throws<InvalidOperationException>(() => triples.ToList());
        Assert.True(((BooleanResult)store.Query("ASK { ?s ?p \"Bob\" }")).Value);
    }

    [Fact]
    public void Parameters_stand_for_their_values_even_when_the_variable_is_not_projected()
    {
        using var folder = new TempFolder();
        using var store = OpenWithPeople(folder);
        var options = new QueryOptions { Parameters = new Dictionary<string, Term> { ["name"] = Literal.Simple("Bob") } };

        var rows = ((SolutionSequence)store.Query("SELECT ?s { ?s <http://example.org/name> ?name }", options)).ToList();

        Assert.Equal(StoreTestData.Ex("bob"), Assert.Single(rows)[0]);
    }

    [Fact]
    public void The_store_default_timeout_applies_when_the_query_sets_none()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path, new StoreOptions { DefaultQueryTimeout = TimeSpan.FromMilliseconds(200) });
        store.ImportQuads(StoreTestData.Generated(1000));

        var error = Assert.Throws<TripleStoreException>(() =>
            ((SolutionSequence)store.Query("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")).ToList());

        Assert.Equal(ErrorCodes.QueryTimeout, error.ErrorCode);
    }

    [Fact]
    public void An_update_request_is_refused_by_query_and_pointed_to_update()
    {
        using var folder = new TempFolder();
        using var store = OpenWithPeople(folder);

        var error = Assert.Throws<TripleStoreException>(() => store.Query("DELETE WHERE { ?s ?p ?o }"));

        Assert.Equal(ErrorCodes.QuerySyntax, error.ErrorCode);
        Assert.Contains("RdfStore.Update", error.Message);
        Assert.Equal(2, store.Count());
    }
}
