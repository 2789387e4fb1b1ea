using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Syntax;
using TripleStore.Sparql.Update;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Update;

public sealed class StoreUpdateTests : IDisposable
{
    private const string Prefix = "PREFIX : <http://example.org/> ";
    private static readonly Iri P = new("http://example.org/p");
    private static readonly Iri G1 = new("http://example.org/g1");
    private static readonly Iri G2 = new("http://example.org/g2");

    private readonly TempFolder _folder = new();
    private readonly RdfStore _store;

    public StoreUpdateTests() => _store = RdfStore.Open(_folder.Path);

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static Iri Ex(string local) => new("http://example.org/" + local);

    private List<string> Dump()
    {
        using var snapshot = _store.OpenSnapshot();
        return snapshot.Match(null, null, null, GraphSelector.All).Select(q => q.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Insert_data_and_delete_data_report_what_changed()
    {
        var inserted = _store.Update(Prefix + "INSERT DATA { :a :p 1 . :b :p 2 . GRAPH :g1 { :a :p 3 } }");
        Assert.Equal(3, inserted.QuadsInserted);
        Assert.Equal(0, inserted.QuadsDeleted);
        Assert.True(_store.Contains(new Quad(Ex("a"), P, Literal.Typed("3", Xsd.Integer), G1)));

        var deleted = _store.Update(Prefix + "DELETE DATA { :a :p 1 . :zzz :p 9 . GRAPH :g1 { :a :p 3 } }");
        Assert.Equal(2, deleted.QuadsDeleted);
        Assert.Equal(1, _store.Count());
    }

    [Fact]
    public void Insert_data_blank_nodes_are_new_nodes_each_request()
    {
        _store.Update(Prefix + "INSERT DATA { _:x :p 1 }");
        _store.Update(Prefix + "INSERT DATA { _:x :p 1 }");
        Assert.Equal(2, _store.Count());
    }

    [Fact]
    public void Delete_insert_where_with_with_and_using()
    {
        _store.Update(Prefix + "INSERT DATA { GRAPH :g1 { :a :name \"Ann\" } GRAPH :g2 { :a :age 30 } :d :name \"Dee\" }");
        // WITH: the WHERE clause and the templates use g1.
        _store.Update(Prefix + "WITH :g1 DELETE { ?s :name ?n } INSERT { ?s :label ?n } WHERE { ?s :name ?n }");
        Assert.True(_store.Contains(new Quad(Ex("a"), Ex("label"), Literal.Simple("Ann"), G1)));
        Assert.False(_store.Contains(new Quad(Ex("a"), Ex("name"), Literal.Simple("Ann"), G1)));
        Assert.True(_store.Contains(new Quad(Ex("d"), Ex("name"), Literal.Simple("Dee"))));

        // USING: the WHERE clause reads g2 as its default graph; the template writes the real default graph.
        var result = _store.Update(Prefix + "INSERT { ?s :copiedAge ?a } USING :g2 WHERE { ?s :age ?a }");
        Assert.Equal(1, result.QuadsInserted);
        Assert.True(_store.Contains(new Quad(Ex("a"), Ex("copiedAge"), Literal.Typed("30", Xsd.Integer))));

        // USING NAMED alone: no default graph, only the named graphs listed.
        _store.Update(Prefix + "INSERT { :found :in ?g } USING NAMED :g2 WHERE { GRAPH ?g { ?s ?p ?o } }");
        Assert.True(_store.Contains(new Quad(Ex("found"), Ex("in"), G2)));
        Assert.False(_store.Contains(new Quad(Ex("found"), Ex("in"), G1)));
    }

    [Fact]
    public void Delete_where_removes_every_match()
    {
        _store.Update(Prefix + "INSERT DATA { :a :p 1 . :a :p 2 . :b :p 3 . GRAPH :g1 { :a :p 4 } }");
        var result = _store.Update(Prefix + "DELETE WHERE { :a :p ?x }");
        Assert.Equal(2, result.QuadsDeleted);
        Assert.Equal(2, _store.Count());
    }

    [Fact]
    public void Later_operations_see_earlier_ones()
    {
        var result = _store.Update(Prefix + "INSERT DATA { :a :p 1 } ; INSERT { ?s :q ?o } WHERE { ?s :p ?o } ; DELETE WHERE { ?s :p ?o }");
        Assert.Equal(new[] { "<http://example.org/a> <http://example.org/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> ." }, Dump());
        Assert.Equal(1, result.QuadsInserted);
        Assert.Equal(0, result.QuadsDeleted);
        Assert.Equal(3, result.Operations);
    }

    [Fact]
    public void Graph_management_operations()
    {
        _store.Update(Prefix + "INSERT DATA { :d :p 0 . GRAPH :g1 { :a :p 1 . :b :p 2 } GRAPH :g2 { :c :p 3 } }");
        _store.Update(Prefix + "ADD :g1 TO :g2");
        Assert.Equal(3, _store.Count(GraphSelector.Named(G2)));
        _store.Update(Prefix + "COPY :g2 TO DEFAULT");
        Assert.Equal(3, _store.Count(GraphSelector.Default));
        Assert.False(_store.Contains(new Quad(Ex("d"), P, Literal.Typed("0", Xsd.Integer))));
        _store.Update(Prefix + "MOVE :g1 TO :g3");
        Assert.Equal(0, _store.Count(GraphSelector.Named(G1)));
        Assert.Equal(2, _store.Count(GraphSelector.Named(Ex("g3"))));
        _store.Update(Prefix + "CLEAR GRAPH :g3");
        Assert.Equal(0, _store.Count(GraphSelector.Named(Ex("g3"))));
        _store.Update(Prefix + "DROP DEFAULT");
        Assert.Equal(0, _store.Count(GraphSelector.Default));
        Assert.Equal(3, _store.Count());
        _store.Update(Prefix + "CLEAR NAMED");
        Assert.Equal(0, _store.Count());
        _store.Update(Prefix + "INSERT DATA { :d :p 0 . GRAPH :g1 { :a :p 1 } }; DROP ALL");
        Assert.Equal(0, _store.Count());
    }

    [Fact]
    public void Create_of_an_existing_graph_fails_unless_silent()
    {
        _store.Update(Prefix + "INSERT DATA { GRAPH :g1 { :a :p 1 } }");
        var error = Assert.Throws<TripleStoreException>(() => _store.Update(Prefix + "CREATE GRAPH :g1"));
        Assert.Equal(ErrorCodes.QueryEvaluation, error.ErrorCode);
        _store.Update(Prefix + "CREATE SILENT GRAPH :g1 ; CREATE GRAPH :g9");
        var twice = Assert.Throws<TripleStoreException>(() => _store.Update(Prefix + "CREATE GRAPH :g8 ; CREATE GRAPH :g8"));
        Assert.Contains("already exists", twice.Message);
    }

    [Fact]
    public void A_failing_request_leaves_the_store_unchanged()
    {
        _store.Update(Prefix + "INSERT DATA { :a :p 1 . GRAPH :g1 { :b :p 2 } }");
        var before = Dump();
        Assert.Throws<TripleStoreException>(() => _store.Update(Prefix +
            "INSERT DATA { :new :p 1 } ; DELETE WHERE { ?s ?p ?o } ; DROP ALL ; CREATE GRAPH :g2 ; CREATE GRAPH :g2"));
        Assert.Equal(before, Dump());
        Assert.Throws<TripleStoreException>(() => _store.Update(Prefix + "DELETE DATA { :a :p 1 } ; LOAD <file:///etc/hostname>"));
        Assert.Equal(before, Dump());
        // A syntax error anywhere rejects the whole request before anything runs.
        Assert.Throws<SparqlSyntaxException>(() => _store.Update(Prefix + "DELETE DATA { :a :p 1 } ; INSERT DATA { ?x :p 1 }"));
        Assert.Equal(before, Dump());
    }

    [Fact]
    public void Readers_keep_their_snapshot_during_an_update()
    {
        _store.Update(Prefix + "INSERT DATA { :a :p 1 }");
        using var snapshot = _store.OpenSnapshot();
        _store.Update(Prefix + "DELETE DATA { :a :p 1 } ; INSERT DATA { :b :p 2 }");
        var seen = ((SolutionSequence)SparqlEngine.Evaluate("SELECT ?s WHERE { ?s ?p ?o }", snapshot)).Select(r => r[0]).ToList();
        Assert.Equal(new Term?[] { Ex("a") }, seen);
        using var fresh = _store.OpenSnapshot();
        Assert.Equal(new Term?[] { Ex("b") }, ((SolutionSequence)SparqlEngine.Evaluate("SELECT ?s WHERE { ?s ?p ?o }", fresh)).Select(r => r[0]).ToList());
    }

    [Fact]
    public void Load_reads_only_from_allowed_folders()
    {
        var file = _folder.Combine("data.ttl");
        File.WriteAllText(file, "<http://example.org/s> <http://example.org/p> \"loaded\" .");
        var iri = new Uri(file).AbsoluteUri;

        var refused = Assert.Throws<TripleStoreException>(() => _store.Update($"LOAD <{iri}>"));
        Assert.Contains("AllowedLoadDirectories", refused.Message);
        var http = Assert.Throws<TripleStoreException>(() => _store.Update("LOAD <http://example.org/data.ttl>"));
        Assert.Contains("AllowedLoadHosts", http.Message);
        _store.Update($"LOAD SILENT <{iri}>");
        Assert.Equal(0, _store.Count());

        var allowed = new UpdateOptions { AllowedLoadDirectories = [_folder.Path] };
        var result = _store.Update($"LOAD <{iri}> INTO GRAPH <http://example.org/g1>", allowed);
        Assert.Equal(1, result.QuadsInserted);
        Assert.True(_store.Contains(new Quad(Ex("s"), P, Literal.Simple("loaded"), G1)));

        var missing = Assert.Throws<TripleStoreException>(() => _store.Update($"LOAD <{new Uri(_folder.Combine("none.ttl")).AbsoluteUri}>", allowed));
        Assert.Contains("none.ttl", missing.Message);
    }
}
