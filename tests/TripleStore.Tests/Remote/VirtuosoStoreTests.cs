using Xunit;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Remote;
using TripleStore.Sparql;

namespace TripleStore.Tests.Remote;

/// <summary>A remote store against a real Virtuoso on loopback: import, query, update, export, statistics, federation.</summary>
[Collection(VirtuosoCollection.Name)]
public sealed class VirtuosoStoreTests(VirtuosoServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ts-remote-").FullName;

    private RemoteStore Connect(int chunk = 1000) => RemoteStore.Connect(server.SparqlEndpoint, new RemoteStoreOptions { ImportChunkSize = chunk });

    private static string Graph(string name) => $"http://example.org/test/{name}/{Guid.NewGuid():N}";

    private string WriteTriples(int count)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".nt");
        using var w = new StreamWriter(path);
        for (int i = 0; i < count; i++)
            w.WriteLine($"<http://example.org/item/{i}> <http://example.org/value> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> .");
        return path;
    }

    private static long Count(ITripleStoreConnection store, string graph) =>
        long.Parse(((Literal)((SolutionSequence)store.Query($"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")).First()[0]!).Value);

    [Fact]
    public void InsertData_and_DeleteData_send_bounded_requests_and_report_the_triples_sent()
    {
        using var store = Connect(chunk: 3);
        var graph = Graph("data");
        var quads = Enumerable.Range(0, 7).Select(i => new Quad(new Iri($"http://example.org/item/{i}"), new Iri("http://example.org/p"), Literal.Simple($"v{i}"), new Iri(graph))).ToList();

        Assert.Equal(7, store.InsertData(quads));
        Assert.Equal(7, Count(store, graph));
        Assert.Equal(4, store.DeleteData(quads.Take(4)));
        Assert.Equal(3, Count(store, graph));

        var blank = new Quad(new BlankNode("b1"), new Iri("http://example.org/p"), Literal.Simple("x"), new Iri(graph));
        var refused = Assert.Throws<TripleStoreException>(() => store.DeleteData([quads[5], blank]));
        Assert.Equal(ErrorCodes.RemoteNotSupported, refused.ErrorCode);
        Assert.Equal(3, Count(store, graph));

        store.Clear(GraphSelector.Named(new Iri(graph)));
        Assert.Equal(0, Count(store, graph));
    }

    [Fact]
    public void Import_sends_bounded_chunks_and_every_one_lands()
    {
        using var store = Connect(chunk: 1000);
        var graph = Graph("import");
        var summary = store.Import([WriteTriples(2500)], new ImportOptions { Graph = new Iri(graph) });

        Assert.Equal(2500, summary.TriplesRead);
        Assert.Equal([1000L, 1000L, 500L], summary.Chunks.Select(c => c.Statements));
        Assert.All(summary.Chunks, c => Assert.True(c.Landed));
        Assert.Equal(2500, Count(store, graph));
    }

    [Fact]
    public void Select_and_ask_results_come_back_typed()
    {
        using var store = Connect();
        var graph = Graph("select");
        store.Import([WriteTriples(50)], new ImportOptions { Graph = new Iri(graph) });

        var rows = (SolutionSequence)store.Query($"SELECT ?s ?v WHERE {{ GRAPH <{graph}> {{ ?s <http://example.org/value> ?v }} }} ORDER BY ?v");
        Assert.Equal(["s", "v"], rows.Variables);
        var all = rows.ToList();
        Assert.Equal(50, all.Count);
        Assert.Equal(new Iri("http://example.org/item/0"), all[0][0]);
        Assert.Equal(Xsd.Integer, ((Literal)all[0][1]!).Datatype);
        Assert.True(((BooleanResult)store.Query($"ASK {{ GRAPH <{graph}> {{ <http://example.org/item/7> ?p ?o }} }}")).Value);
        Assert.False(((BooleanResult)store.Query($"ASK {{ GRAPH <{graph}> {{ <http://example.org/item/999> ?p ?o }} }}")).Value);
    }

    [Fact]
    public void Updates_change_the_remote_data()
    {
        using var store = Connect();
        var graph = Graph("update");
        store.Update($"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/a> <http://example.org/p> \"one\" . <http://example.org/b> <http://example.org/p> \"two\" }} }}");
        Assert.Equal(2, Count(store, graph));
        store.Update($"DELETE WHERE {{ GRAPH <{graph}> {{ <http://example.org/a> ?p ?o }} }}");
        Assert.Equal(1, Count(store, graph));
    }

    [Fact]
    public void Export_and_construct_return_the_graph_and_statistics_count_it()
    {
        using var store = Connect();
        var graph = Graph("export");
        store.Import([WriteTriples(120)], new ImportOptions { Graph = new Iri(graph) });

        var text = new StringWriter();
        long written = store.Export(RdfSerializer.Create(text, RdfFormat.NQuads), GraphSelector.Named(new Iri(graph)));
        Assert.Equal(120, written);
        Assert.Equal(120, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"<{graph}>", text.ToString());

        var triples = ((GraphResult)store.Query($"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")).ToList();
        Assert.Equal(120, triples.Count);

        var stats = store.GetStatistics();
        Assert.Equal(120, stats.GraphCounts[new Iri(graph)]);
        Assert.Equal(-1, stats.SizeOnDisk);
    }

    [Fact]
    public void Server_errors_name_the_endpoint_status_and_message()
    {
        using var store = Connect();
        var e = Assert.Throws<RemoteEndpointException>(() => store.Query("SELECT ?x WHERE { ?x <http://example.org/p> ?y . FILTER(bogus:fn(?y)) }"));
        Assert.Equal(ErrorCodes.RemoteEndpointError, e.ErrorCode);
        Assert.Equal(server.SparqlEndpoint.ToString(), e.Endpoint);
        Assert.NotNull(e.StatusCode);
        Assert.InRange(e.StatusCode!.Value, 400, 599);
        Assert.Contains("bogus", e.ServerMessage);
        Assert.Contains(server.SparqlEndpoint.ToString(), e.Message);
    }

    [Fact]
    public void Federated_query_joins_local_and_remote_data_with_a_bind_join()
    {
        using var remote = Connect();
        var graph = Graph("federation");
        remote.Update($"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/p1> <http://example.org/age> 41 . <http://example.org/p2> <http://example.org/age> 42 . <http://example.org/p9> <http://example.org/age> 99 }} }}");

        using var local = RdfStore.Open(Path.Combine(_folder, "local"), new StoreOptions
        {
            Federation = new FederationOptions { AllowedEndpoints = [server.SparqlEndpoint.ToString()] },
        });
        local.Add(new Quad(new Iri("http://example.org/p1"), new Iri("http://example.org/name"), Literal.Simple("Ann")));
        local.Add(new Quad(new Iri("http://example.org/p2"), new Iri("http://example.org/name"), Literal.Simple("Bob")));
        local.Add(new Quad(new Iri("http://example.org/p3"), new Iri("http://example.org/name"), Literal.Simple("Cid")));

        var query = $$"""
            PREFIX ex: <http://example.org/>
            SELECT ?name ?age WHERE {
              ?p ex:name ?name .
              SERVICE <{{server.SparqlEndpoint}}> { GRAPH <{{graph}}> { ?p ex:age ?age } }
            } ORDER BY ?name
            """;
        var rows = ((SolutionSequence)local.Query(query)).Select(r => $"{((Literal)r[0]!).Value}={((Literal)r[1]!).Value}").ToList();
        Assert.Equal(["Ann=41", "Bob=42"], rows);
        Assert.Contains("ServiceJoin", Flatten(local.Explain(query)));
    }

    private static string Flatten(QueryPlan plan) => plan.Operator + " " + string.Join(" ", plan.Children.Select(Flatten));

    [Fact]
    public void Service_is_refused_unless_allowed_and_silent_skips_it()
    {
        using var local = RdfStore.Open(Path.Combine(_folder, "closed"));
        local.Add(new Quad(new Iri("http://example.org/p1"), new Iri("http://example.org/name"), Literal.Simple("Ann")));
        var e = Assert.Throws<TripleStoreException>(() => ((SolutionSequence)local.Query(
            $"SELECT * WHERE {{ ?p <http://example.org/name> ?n . SERVICE <{server.SparqlEndpoint}> {{ ?p ?q ?r }} }}")).ToList());
        Assert.Equal(ErrorCodes.ServiceNotAllowed, e.ErrorCode);

        var rows = ((SolutionSequence)local.Query(
            $"SELECT * WHERE {{ ?p <http://example.org/name> ?n . SERVICE SILENT <{server.SparqlEndpoint}> {{ ?p ?q ?r }} }}")).ToList();
        Assert.Single(rows);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
