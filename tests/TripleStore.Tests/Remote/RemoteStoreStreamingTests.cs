using System.Net;
using System.Text;
using TripleStore.Rdf;
using TripleStore.Remote;
using TripleStore.Sparql;
using Xunit;

namespace TripleStore.Tests.Remote;

/// <summary>Protocol behaviour that needs control over the server's timing or answers: streaming and partial imports.</summary>
public sealed class RemoteStoreStreamingTests
{
    [Fact]
    public async Task Rows_reach_the_caller_while_the_response_is_still_arriving()
    {
        using var listener = new HttpListener();
        int port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var firstRowRead = new ManualResetEventSlim();
        var serve = Task.Run(() =>
        {
            var context = listener.GetContext();
            context.Response.ContentType = "application/sparql-results+json";
            context.Response.SendChunked = true;
            var output = context.Response.OutputStream;
            void Send(string text) { var b = Encoding.UTF8.GetBytes(text); output.Write(b); output.Flush(); }
            Send("""{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"first"}}""");
            // The rest is held back until the client has the first row in hand.
            bool got = firstRowRead.Wait(TimeSpan.FromSeconds(10));
            Send(got ? """,{"n":{"type":"literal","value":"second"}}]}}""" : "]}}");
            context.Response.Close();
        });

        using var store = RemoteStore.Connect(new Uri($"http://127.0.0.1:{port}/sparql"));
        var seen = new List<string>();
        foreach (var row in (SolutionSequence)store.Query("SELECT ?n WHERE { ?s ?p ?n }"))
        {
            seen.Add(((Literal)row[0]!).Value);
            firstRowRead.Set();
        }
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["first", "second"], seen);
    }

    [Fact]
    public async Task A_body_that_stalls_between_rows_fails_after_the_read_timeout_not_the_attempt_timeout()
    {
        using var listener = new HttpListener();
        int port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var release = new ManualResetEventSlim();
        var serve = Task.Run(() =>
        {
            var context = listener.GetContext();
            context.Response.ContentType = "application/sparql-results+json";
            context.Response.SendChunked = true;
            var output = context.Response.OutputStream;
            var b = Encoding.UTF8.GetBytes("""{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"first"}}""");
            output.Write(b);
            output.Flush();
            release.Wait(TimeSpan.FromSeconds(20));
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        });

        using var store = RemoteStore.Connect(new Uri($"http://127.0.0.1:{port}/sparql"), new RemoteStoreOptions
        {
            Resilience = new RemoteResilienceOptions { Timeout = TimeSpan.FromSeconds(10), ReadTimeout = TimeSpan.FromSeconds(1), MaxRetryAttempts = 0 },
        });
        var rows = ((SolutionSequence)store.Query("SELECT ?n WHERE { ?s ?p ?n }")).GetEnumerator();
        Assert.True(rows.MoveNext());
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<RemoteEndpointException>(() => rows.MoveNext());
        stopwatch.Stop();
        release.Set();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ErrorCodes.RemoteEndpointTimeout, e.ErrorCode);
        Assert.Contains("ReadTimeout", e.Message);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 0.9, 8);
    }

    [Fact]
    public void A_failed_chunk_stops_the_import_and_the_summary_says_which_chunks_landed()
    {
        var handler = new ScriptedHandler(failOnRequest: 3);
        using var store = RemoteStore.Connect(new Uri("http://127.0.0.1:9/sparql"), new RemoteStoreOptions { ImportChunkSize = 10, Handler = handler });
        var file = Path.Combine(Path.GetTempPath(), $"ts-chunks-{Guid.NewGuid():N}.nt");
        File.WriteAllLines(file, Enumerable.Range(0, 45).Select(i => $"<http://example.org/s{i}> <http://example.org/p> \"{i}\" ."));
        try
        {
            var e = Assert.Throws<RemoteImportException>(() => store.Import([file]));
            Assert.Equal(ErrorCodes.RemoteImportIncomplete, e.ErrorCode);
            Assert.Equal([true, true, false], e.Summary.Chunks.Select(c => c.Landed));
            Assert.Equal(21, e.Summary.Chunks[2].FirstStatement);
            Assert.Equal(20, e.Summary.TriplesAdded);
            Assert.Contains("HTTP 500", e.Message);
            Assert.Contains("statements 21–30", e.Message);
            // A server error is not transient: the chunk was sent once, and nothing after it.
            Assert.Equal(3, handler.Requests);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Invalid_resilience_settings_are_a_configuration_error()
    {
        var e = Assert.Throws<TripleStoreException>(() => RemoteStore.Connect(new Uri("http://127.0.0.1:9/sparql"),
            new RemoteStoreOptions { Resilience = new RemoteResilienceOptions { MinimumThroughput = 1 } }));
        Assert.Equal(ErrorCodes.Configuration, e.ErrorCode);
    }

    private sealed class ScriptedHandler(int failOnRequest) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int n = Interlocked.Increment(ref _requests);
            return n == failOnRequest
                ? new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("SR325: transaction log is full"), RequestMessage = request }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(""), RequestMessage = request };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
