using System.Net;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Remote;
using TripleStore.Sparql;
using Xunit;

namespace TripleStore.Tests.Remote;

/// <summary>
/// Against a real Virtuoso on loopback: the authenticated Graph Store endpoint (Digest), SERVICE in the
/// WHERE clause of a local update, and what CLEAR and DROP of the default graph and of every graph do there.
/// </summary>
[Collection(VirtuosoCollection.Name)]
public sealed class VirtuosoProtocolTests(VirtuosoServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ts-remote-protocol-").FullName;

    private static string Graph(string name) => $"http://example.org/test/{name}/{Guid.NewGuid():N}";

    private string WriteTriples(int count, string extra = "")
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".nt");
        File.WriteAllText(path, string.Concat(Enumerable.Range(0, count).Select(i =>
            $"<http://example.org/item/{i}> <http://example.org/value> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n")) + extra);
        return path;
    }

    private static long Count(RemoteStore store, string graph) =>
        long.Parse(((Literal)((SolutionSequence)store.Query($"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")).First()[0]!).Value);

    private RemoteStore ConnectGraphStore(string password, CountingHandler? handler = null) => RemoteStore.Connect(server.SparqlEndpoint, new RemoteStoreOptions
    {
        GraphStoreEndpoint = server.GraphStoreAuthEndpoint,
        Credential = new NetworkCredential("dba", password),
        ImportChunkSize = 40,
        Handler = handler,
        Resilience = new RemoteResilienceOptions { MaxRetryAttempts = 0 },
    });

    [Fact]
    public void Graph_store_import_and_export_through_the_digest_protected_endpoint()
    {
        var graph = Graph("gsp");
        var handler = new CountingHandler(new NetworkCredential("dba", "dba"));
        using var store = RemoteStore.Connect(server.SparqlEndpoint, new RemoteStoreOptions
        {
            GraphStoreEndpoint = server.GraphStoreAuthEndpoint,
            ImportChunkSize = 40,
            Handler = handler,
        });
        var summary = store.Import([WriteTriples(95, "_:b <http://example.org/value> \"blank\" .\n")], new ImportOptions { Graph = new Iri(graph) });

        Assert.Equal([40L, 40L, 16L], summary.Chunks.Select(c => c.Statements));
        Assert.All(summary.Chunks, c => Assert.True(c.Landed));
        Assert.Equal(96, Count(store, graph));

        var text = new StringWriter();
        long written = store.Export(RdfSerializer.Create(text, RdfFormat.NQuads), GraphSelector.Named(new Iri(graph)));
        Assert.Equal(96, written);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(96, lines.Length);
        Assert.All(lines, l => Assert.EndsWith($"<{graph}> .", l));
        Assert.Contains(lines, l => l.StartsWith("<http://example.org/item/94> <http://example.org/value> \"94\"^^", StringComparison.Ordinal));

        // A graph the server does not have exports nothing, as an embedded store's would.
        Assert.Equal(0, store.Export(RdfSerializer.Create(new StringWriter(), RdfFormat.NQuads), GraphSelector.Named(new Iri(Graph("missing")))));
    }

    [Fact]
    public void Graph_store_credentials_that_fail_the_digest_challenge_stop_the_import_with_HTTP_401()
    {
        var graph = Graph("gsp-denied");
        using var store = ConnectGraphStore("not-the-password");
        var e = Assert.Throws<RemoteImportException>(() => store.Import([WriteTriples(10)], new ImportOptions { Graph = new Iri(graph) }));
        var cause = Assert.IsType<RemoteEndpointException>(e.InnerException);
        Assert.Equal(401, cause.StatusCode);
        Assert.Equal(server.GraphStoreAuthEndpoint.ToString(), cause.Endpoint);
        Assert.Contains(server.GraphStoreAuthEndpoint.ToString(), e.Message);
        Assert.Equal(0, Count(store, graph));
    }

    [Fact]
    public void Graph_store_import_into_the_default_graph_is_refused_by_Virtuoso_with_its_message()
    {
        using var store = ConnectGraphStore("dba");
        var e = Assert.Throws<RemoteImportException>(() => store.Import([WriteTriples(5)]));
        Assert.Contains("default", e.Message);
        Assert.False(e.Summary.Chunks.Single().Landed);
    }

    [Fact]
    public void Service_in_an_update_where_clause_copies_remote_data_into_the_local_store()
    {
        using var remote = RemoteStore.Connect(server.SparqlEndpoint);
        var graph = Graph("update-service");
        remote.Update($"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/p1> <http://example.org/age> 41 . <http://example.org/p2> <http://example.org/age> 42 . <http://example.org/p9> <http://example.org/age> 99 }} }}");

        using var local = RdfStore.Open(Path.Combine(_folder, "allowed"), new StoreOptions
        {
            Federation = new FederationOptions { AllowedEndpoints = [server.SparqlEndpoint.ToString()] },
        });
        foreach (var (person, name) in new[] { ("p1", "Ann"), ("p2", "Bob"), ("p3", "Cid") })
            local.Add(new Quad(new Iri($"http://example.org/{person}"), new Iri("http://example.org/name"), Literal.Simple(name)));

        var result = local.Update($$"""
            PREFIX ex: <http://example.org/>
            INSERT { ?p ex:age ?age } WHERE { ?p ex:name ?n . SERVICE <{{server.SparqlEndpoint}}> { GRAPH <{{graph}}> { ?p ex:age ?age } } }
            """);
        Assert.Equal(2, result.QuadsInserted);
        var ages = ((SolutionSequence)local.Query("SELECT ?p ?a WHERE { ?p <http://example.org/age> ?a } ORDER BY ?a"))
            .Select(r => $"{r[0]} {((Literal)r[1]!).Value}").ToList();
        Assert.Equal(["<http://example.org/p1> 41", "<http://example.org/p2> 42"], ages);

        // An endpoint outside the allowlist fails the whole update (nothing written); SILENT skips it.
        long before = local.GetStatistics().Quads;
        var refused = Assert.Throws<TripleStoreException>(() => local.Update(
            "INSERT { ?p <http://example.org/seen> true } WHERE { ?p <http://example.org/name> ?n . SERVICE <http://127.0.0.1:9/sparql> { ?p ?q ?r } }"));
        Assert.Equal(ErrorCodes.ServiceNotAllowed, refused.ErrorCode);
        Assert.Equal(before, local.GetStatistics().Quads);
        var silent = local.Update(
            "INSERT { ?p <http://example.org/seen> true } WHERE { ?p <http://example.org/name> ?n . SERVICE SILENT <http://127.0.0.1:9/sparql> { ?p ?q ?r } }");
        Assert.Equal(3, silent.QuadsInserted);
    }

    [Fact]
    public void Service_in_an_update_is_refused_on_a_store_without_federation_and_silent_skips_it()
    {
        using var local = RdfStore.Open(Path.Combine(_folder, "closed"));
        local.Add(new Quad(new Iri("http://example.org/p1"), new Iri("http://example.org/name"), Literal.Simple("Ann")));
        var e = Assert.Throws<TripleStoreException>(() => local.Update(
            $"INSERT {{ ?p <http://example.org/age> ?a }} WHERE {{ ?p <http://example.org/name> ?n . SERVICE <{server.SparqlEndpoint}> {{ ?p <http://example.org/age> ?a }} }}"));
        Assert.Equal(ErrorCodes.ServiceNotAllowed, e.ErrorCode);
        var silent = local.Update(
            $"INSERT {{ ?p <http://example.org/checked> true }} WHERE {{ ?p <http://example.org/name> ?n . SERVICE SILENT <{server.SparqlEndpoint}> {{ ?p <http://example.org/age> ?a }} }}");
        Assert.Equal(1, silent.QuadsInserted);
        Assert.Equal(2, local.GetStatistics().Quads);
    }

    [Fact]
    public void Clear_all_that_Virtuoso_ignores_is_an_error_and_clear_default_is_refused_by_the_server()
    {
        using var store = RemoteStore.Connect(server.SparqlEndpoint, new RemoteStoreOptions { Resilience = new RemoteResilienceOptions { MaxRetryAttempts = 0 } });
        var graph = Graph("clear");
        store.Update($"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/a> <http://example.org/p> 1 }} }}");

        // Virtuoso answers CLEAR ALL with 200 and removes nothing: the store says so instead of reporting success.
        var all = Assert.Throws<TripleStoreException>(() => store.Clear(GraphSelector.All));
        Assert.Equal(ErrorCodes.RemoteNotSupported, all.ErrorCode);
        Assert.Contains("still holds triples", all.Message);
        Assert.Equal(1, Count(store, graph));

        var named = Assert.Throws<TripleStoreException>(() => store.Clear(GraphSelector.AllNamed));
        Assert.Equal(ErrorCodes.RemoteNotSupported, named.ErrorCode);
        Assert.Equal(1, Count(store, graph));

        // Virtuoso has no plain default graph unless a request names one: CLEAR DEFAULT is a compile error.
        var dflt = Assert.Throws<RemoteEndpointException>(() => store.Clear(GraphSelector.Default));
        Assert.Equal(ErrorCodes.RemoteEndpointError, dflt.ErrorCode);
        Assert.Contains("default graph", dflt.ServerMessage);
        Assert.Equal(1, Count(store, graph));

        store.Clear(GraphSelector.Named(new Iri(graph)));
        Assert.Equal(0, Count(store, graph));
    }

    [Fact]
    public void Drop_needs_a_graph_Virtuoso_created_explicitly_unless_silent()
    {
        using var store = RemoteStore.Connect(server.SparqlEndpoint, new RemoteStoreOptions { Resilience = new RemoteResilienceOptions { MaxRetryAttempts = 0 } });
        var implicitGraph = Graph("drop-implicit");
        store.Update($"INSERT DATA {{ GRAPH <{implicitGraph}> {{ <http://example.org/a> <http://example.org/p> 1 }} }}");
        var e = Assert.Throws<RemoteEndpointException>(() => store.Update($"DROP GRAPH <{implicitGraph}>"));
        Assert.Contains("explicitly created", e.ServerMessage);
        Assert.Equal(1, Count(store, implicitGraph));
        store.Update($"DROP SILENT GRAPH <{implicitGraph}>");
        Assert.Equal(0, Count(store, implicitGraph));

        var created = Graph("drop-created");
        store.Update($"CREATE GRAPH <{created}>");
        store.Update($"INSERT DATA {{ GRAPH <{created}> {{ <http://example.org/a> <http://example.org/p> 1 }} }}");
        store.Update($"DROP GRAPH <{created}>");
        Assert.Equal(0, Count(store, created));

        var dropDefault = Assert.Throws<RemoteEndpointException>(() => store.Update("DROP DEFAULT"));
        Assert.Contains("default graph", dropDefault.ServerMessage);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
