using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TripleStore.Server;
using Xunit;

namespace TripleStore.Tests.Server;

/// <summary>Authentication, read-only mode, limits, status codes, negotiation, health and metrics of the server.</summary>
public sealed class ServerBehaviourTests
{
    private const string Data = "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 . <http://example.org/b> <http://example.org/p> 2 . GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/q> \"x\" } }";

    private static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

    private static HttpResponseMessage Get(ServerFixture f, string path, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return f.Send(request);
    }

    private static string Query(string text) => "sparql?query=" + Uri.EscapeDataString(text);

    [Fact]
    public void Listens_on_loopback_by_default()
    {
        using var f = new ServerFixture();
        Assert.StartsWith("http://127.0.0.1:", f.Server.Url);
        Assert.Equal(ServerState.Running, f.Server.State);
    }

    [Fact]
    public void Update_without_credentials_is_401_with_a_challenge_and_changes_nothing()
    {
        using var f = new ServerFixture();
        using var response = f.Send(f.Request(HttpMethod.Post, "sparql", Data, "application/sparql-update"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, f.Store.Count());
    }

    [Fact]
    public void Update_with_a_wrong_key_is_401()
    {
        using var f = new ServerFixture();
        var request = f.Request(HttpMethod.Post, "sparql", Data, "application/sparql-update");
        request.Headers.Add("X-API-Key", "wrong");
        using var response = f.Send(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, f.Store.Count());
    }

    [Fact]
    public void Update_with_the_key_as_header_or_bearer_token_succeeds()
    {
        using var f = new ServerFixture();
        using (var response = f.Send(f.Request(HttpMethod.Post, "sparql", Data, "application/sparql-update", authorized: true)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = f.Request(HttpMethod.Post, "sparql", "update=" + Uri.EscapeDataString("INSERT DATA { <http://example.org/c> <http://example.org/p> 3 }"), "application/x-www-form-urlencoded");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using (var response = f.Send(request))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, f.Store.Count());
    }

    [Fact]
    public void Basic_credentials_authorize_writes_and_wrong_ones_do_not()
    {
        using var f = new ServerFixture(new SparqlServerOptions { UserName = "alice", Password = "s3cret" });
        var wrong = f.Request(HttpMethod.Post, "sparql", Data, "application/sparql-update");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:nope")));
        using (var response = f.Send(wrong))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
        }
        var right = f.Request(HttpMethod.Post, "sparql", Data, "application/sparql-update");
        right.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")));
        using (var response = f.Send(right))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, f.Store.Count());
    }

    [Fact]
    public void Without_configured_credentials_writes_are_forbidden()
    {
        using var f = new ServerFixture(new SparqlServerOptions());
        using var response = f.Send(f.Request(HttpMethod.Post, "sparql", Data, "application/sparql-update", authorized: true));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("without an API key", Body(response));
    }

    [Fact]
    public void Read_only_server_refuses_writes_even_with_the_key_but_answers_queries()
    {
        using var f = new ServerFixture(new SparqlServerOptions { ApiKey = ServerFixture.ApiKey, ReadOnly = true });
        f.Store.Update(Data);
        using (var response = f.Send(f.Request(HttpMethod.Post, "sparql", "CLEAR ALL", "application/sparql-update", authorized: true)))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using (var response = f.Send(f.Request(HttpMethod.Delete, "store?default", authorized: true)))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using (var response = f.Send(f.Request(HttpMethod.Put, "store?graph=" + Uri.EscapeDataString("http://example.org/g"), "<http://example.org/s> <http://example.org/p> <http://example.org/o> .", "application/n-triples", authorized: true)))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(3, f.Store.Count());
        using (var response = Get(f, Query("ASK { <http://example.org/a> ?p ?o }")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(JsonDocument.Parse(Body(response)).RootElement.GetProperty("boolean").GetBoolean());
        }
    }

    [Fact]
    public void Graph_store_write_without_credentials_is_401()
    {
        using var f = new ServerFixture();
        using var response = f.Send(f.Request(HttpMethod.Put, "store?default", "<http://example.org/s> <http://example.org/p> <http://example.org/o> .", "application/n-triples"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, f.Store.Count());
    }

    [Fact]
    public void Malformed_query_is_400_with_position_and_no_stack_trace()
    {
        using var f = new ServerFixture();
        using var response = Get(f, Query("SELECT * WHERE { ?s ?p }"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SparqlSyntaxError", response.Headers.GetValues("TripleStore-Error").Single());
        var body = Body(response);
        Assert.Contains("line 1", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public void Wrong_content_type_is_415_and_unacceptable_accept_is_406()
    {
        using var f = new ServerFixture();
        using (var response = f.Send(f.Request(HttpMethod.Post, "sparql", "ASK {}", "text/plain")))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using (var response = f.Send(f.Request(HttpMethod.Put, "store?default", "x", "image/png", authorized: true)))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using (var response = Get(f, Query("SELECT * { ?s ?p ?o }"), "image/png"))
            Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        using (var response = Get(f, Query("ASK {}"), "text/csv"))
            Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public void Unknown_graph_path_and_method_get_404_404_and_405()
    {
        using var f = new ServerFixture();
        using (var response = Get(f, "store?graph=" + Uri.EscapeDataString("http://example.org/none")))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = Get(f, "nothing-here"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = f.Send(f.Request(HttpMethod.Put, "sparql", "ASK {}", "application/sparql-query")))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Contains("POST", response.Content.Headers.Allow);
        }
    }

    [Fact]
    public void Body_over_the_limit_is_413_and_changes_nothing()
    {
        using var f = new ServerFixture(new SparqlServerOptions { ApiKey = ServerFixture.ApiKey, MaxRequestBodyBytes = 1000 });
        var big = "INSERT DATA { " + string.Concat(Enumerable.Range(0, 100).Select(i => $"<http://example.org/s{i}> <http://example.org/p> {i} . ")) + "}";
        Assert.True(Encoding.UTF8.GetByteCount(big) > 1000);
        using var response = f.Send(f.Request(HttpMethod.Post, "sparql", big, "application/sparql-update", authorized: true));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, f.Store.Count());
    }

    [Fact]
    public void Results_are_cut_at_the_maximum_rows_and_the_response_says_the_limit()
    {
        using var f = new ServerFixture(new SparqlServerOptions { ApiKey = ServerFixture.ApiKey, MaxResultRows = 10 });
        f.Store.Update("INSERT DATA { " + string.Concat(Enumerable.Range(0, 50).Select(i => $"<http://example.org/s{i}> <http://example.org/p> {i} . ")) + "}");
        using var response = Get(f, Query("SELECT ?s { ?s ?p ?o }"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10", response.Headers.GetValues("TripleStore-Result-Limit").Single());
        Assert.Equal(10, JsonDocument.Parse(Body(response)).RootElement.GetProperty("results").GetProperty("bindings").GetArrayLength());
        using var construct = Get(f, Query("CONSTRUCT WHERE { ?s ?p ?o }"), "application/n-triples");
        Assert.Equal(10, Body(construct).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Query_past_the_timeout_is_503_with_the_timeout_code()
    {
        using var f = new ServerFixture(new SparqlServerOptions { ApiKey = ServerFixture.ApiKey, QueryTimeout = TimeSpan.FromMilliseconds(200) });
        f.Store.Update("INSERT DATA { " + string.Concat(Enumerable.Range(0, 300).Select(i => $"<http://example.org/s{i}> <http://example.org/p> {i} . ")) + "}");
        // ORDER BY must see every one of 27 million rows before the first is sent.
        using var response = Get(f, Query("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("SparqlTimeout", response.Headers.GetValues("TripleStore-Error").Single());
    }

    [Fact]
    public void Results_negotiate_json_xml_csv_tsv_and_rdf_syntaxes()
    {
        using var f = new ServerFixture();
        f.Store.Update(Data);
        var select = Query("SELECT ?o { <http://example.org/a> <http://example.org/p> ?o }");
        using (var r = Get(f, select, "text/csv"))
        {
            Assert.Equal("text/csv", r.Content.Headers.ContentType!.MediaType);
            Assert.Equal("o\r\n1\r\n", Body(r));
        }
        using (var r = Get(f, select, "text/tab-separated-values"))
            Assert.Equal("?o\n1\n", Body(r));
        using (var r = Get(f, select, "application/sparql-results+xml"))
            Assert.Contains("<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">1</literal>", Body(r));
        using (var r = Get(f, select, "text/html, */*;q=0.1"))
            Assert.Equal("application/sparql-results+json", r.Content.Headers.ContentType!.MediaType);
        var construct = Query("CONSTRUCT WHERE { <http://example.org/a> <http://example.org/p> ?o }");
        using (var r = Get(f, construct, "application/n-triples"))
            Assert.Equal("<http://example.org/a> <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", Body(r));
        using (var r = Get(f, construct, "application/rdf+xml;q=0.9, text/turtle;q=0.5"))
            Assert.Equal("application/rdf+xml", r.Content.Headers.ContentType!.MediaType);
        using (var r = Get(f, construct))
            Assert.Equal("text/turtle", r.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void Small_results_carry_a_length_and_large_ones_stream_chunked()
    {
        using var f = new ServerFixture(new SparqlServerOptions { ApiKey = ServerFixture.ApiKey, MaxResultRows = null });
        f.Store.Update("INSERT DATA { " + string.Concat(Enumerable.Range(0, 3000).Select(i => $"<http://example.org/subject/{i}> <http://example.org/p> \"value number {i}\" . ")) + "}");
        using (var small = Get(f, Query("ASK {}")))
        {
            Assert.NotNull(small.Content.Headers.ContentLength);
            Assert.NotEqual(true, small.Headers.TransferEncodingChunked);
        }
        using var large = Get(f, Query("SELECT * { ?s ?p ?o }"));
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.True(large.Headers.TransferEncodingChunked);
        Assert.Equal(3000, JsonDocument.Parse(Body(large)).RootElement.GetProperty("results").GetProperty("bindings").GetArrayLength());
    }

    [Fact]
    public void Health_endpoints_report_the_checks_and_503_once_the_store_is_closed()
    {
        using var f = new ServerFixture();
        using (var live = Get(f, "health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            var json = JsonDocument.Parse(Body(live)).RootElement;
            Assert.Equal("Healthy", json.GetProperty("status").GetString());
            Assert.Equal("Open", json.GetProperty("checks")[0].GetProperty("name").GetString());
        }
        using (var ready = Get(f, "health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var names = JsonDocument.Parse(Body(ready)).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
            Assert.Contains("Writable", names);
            Assert.Contains("FreeDisk", names);
        }
        f.Store.Dispose();
        using (var live = Get(f, "health/live"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, live.StatusCode);
            Assert.Equal("Unhealthy", JsonDocument.Parse(Body(live)).RootElement.GetProperty("status").GetString());
        }
        using (var ready = Get(f, "health/ready"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using (var query = Get(f, Query("ASK {}")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, query.StatusCode);
            Assert.Equal("StoreClosed", query.Headers.GetValues("TripleStore-Error").Single());
        }
    }

    [Fact]
    public void Metrics_endpoint_counts_requests_by_endpoint_and_status_in_prometheus_format()
    {
        using var f = new ServerFixture();
        f.Store.Update(Data);
        for (int i = 0; i < 3; i++) Get(f, Query("ASK {}")).Dispose();
        Get(f, Query("ASK {")).Dispose();
        using var metrics = Get(f, "metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType!.MediaType);
        var text = Body(metrics);
        Assert.Contains("# TYPE triplestore_server_requests_total counter", text);
        Assert.Contains("triplestore_server_requests_total{endpoint=\"sparql\",method=\"GET\",status=\"200\"} 3", text);
        Assert.Contains("triplestore_server_requests_total{endpoint=\"sparql\",method=\"GET\",status=\"400\"} 1", text);
        Assert.Contains("triplestore_server_request_duration_seconds_bucket{endpoint=\"sparql\"", text);
        Assert.Contains("triplestore_store_quads 3", text);
        Assert.Contains("triplestore_server_up 1", text);
        // The engine's own instruments follow the server's.
        Assert.Contains("# TYPE triplestore_query_duration_seconds histogram", text);
    }

    [Fact]
    public void Stop_refuses_new_connections_and_keeps_the_store_open()
    {
        var f = new ServerFixture();
        try
        {
            var url = f.Server.Url;
            f.Server.Stop();
            Assert.Equal(ServerState.Stopped, f.Server.State);
            Assert.ThrowsAny<HttpRequestException>(() => f.Client.Send(new HttpRequestMessage(HttpMethod.Get, url + "health/live")));
            Assert.Equal(0, f.Store.Count());
        }
        finally
        {
            f.Dispose();
        }
    }

    [Fact]
    public void A_port_in_use_fails_to_start_with_ServerStartFailed()
    {
        using var f = new ServerFixture();
        using var second = new SparqlServer(f.Store, new SparqlServerOptions { Port = f.Server.Port });
        var e = Assert.Throws<TripleStoreException>(second.Start);
        Assert.Equal(ErrorCodes.ServerStartFailed, e.ErrorCode);
    }
}
