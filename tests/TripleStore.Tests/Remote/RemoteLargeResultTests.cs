using System.Diagnostics;
using System.Runtime.CompilerServices;
using TripleStore.Rdf;
using TripleStore.Remote;
using TripleStore.Server;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.Remote;

/// <summary>
/// 200,000-row SELECTs over the protocol: rows reach the caller while the body is still arriving, the
/// per-attempt timeout covers only the wait for the headers, and rows already handed out are not kept.
/// Against Virtuoso (which builds the whole result before it sends the headers) and against this
/// engine's own server (which streams as it evaluates).
/// </summary>
[Collection(VirtuosoCollection.Name)]
public sealed class RemoteLargeResultTests(VirtuosoServer server, ITestOutputHelper output)
{
    private const int Rows = 200_000;

    private static string WriteTriples(string folder, int count)
    {
        var path = Path.Combine(folder, "big.nt");
        using var w = new StreamWriter(path);
        for (int i = 0; i < count; i++)
            w.Write($"<http://example.org/item/{i}> <http://example.org/value> \"{i}\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
        return path;
    }

    /// <summary>Reads every row; records the bytes read when the first row came, and whether that row was kept alive.</summary>
    private sealed record Outcome(long Rows, long BytesAtFirstRow, bool FirstRowCollected, TimeSpan Elapsed);

    private static Outcome Drain(SolutionSequence rows, CountingHandler handler, Action<long>? perRow = null)
    {
        var stopwatch = Stopwatch.StartNew();
        long count = 0, bytesAtFirst = -1;
        WeakReference? first = null;
        bool collected = false;
        foreach (var row in rows)
        {
            if (count == 0)
            {
                bytesAtFirst = handler.BytesRead;
                first = Track(row);
            }
            count++;
            perRow?.Invoke(count);
            if (count == Rows / 2)
            {
                // Half way: the first row (and its terms) must be garbage by now, or the rows pile up in memory.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                collected = !first!.IsAlive;
            }
        }
        return new Outcome(count, bytesAtFirst, collected, stopwatch.Elapsed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Track(Term?[] row) => new(row);

    [Fact]
    public void A_200K_row_select_from_Virtuoso_streams_to_the_caller_and_keeps_no_rows()
    {
        using var folder = new TempFolder();
        var graph = $"http://example.org/large/{Guid.NewGuid():N}";
        server.LoadNTriples(WriteTriples(folder.Path, Rows), graph);

        var handler = new CountingHandler();
        using var store = RemoteStore.Connect(server.SparqlEndpoint, new RemoteStoreOptions
        {
            Handler = handler,
            // A short per-attempt timeout: Virtuoso sends no headers until its whole result is built (tens of
            // seconds for 200K rows on a loaded machine), so the query's own timeout is what the wait follows.
            Resilience = new RemoteResilienceOptions { Timeout = TimeSpan.FromSeconds(2), ReadTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 0 },
        });
        var clock = Stopwatch.StartNew();
        var rows = (SolutionSequence)store.Query($"SELECT ?s ?v WHERE {{ GRAPH <{graph}> {{ ?s <http://example.org/value> ?v }} }}",
            QueryOptions.Default with { Timeout = TimeSpan.FromMinutes(10) });
        var headers = clock.Elapsed;
        var outcome = Drain(rows, handler);
        output.WriteLine($"headers after {headers.TotalSeconds:0.0} s, rows read in {outcome.Elapsed.TotalSeconds:0.0} s; body {handler.LastContentLength:N0} bytes, {outcome.BytesAtFirstRow:N0} read at the first row");

        Assert.Equal(Rows, outcome.Rows);
        Assert.NotNull(handler.LastContentLength);
        Assert.Equal(handler.LastContentLength, handler.BytesRead);
        // The first row came while almost all of the body was still to be read.
        Assert.InRange(outcome.BytesAtFirstRow, 1, handler.LastContentLength!.Value / 20);
        Assert.True(outcome.FirstRowCollected, "the first row was still referenced half way through: rows are being kept");
    }

    [Fact]
    public void A_short_attempt_timeout_does_not_cover_reading_a_body_that_streams_for_longer()
    {
        using var folder = new TempFolder();
        using var local = RdfStore.Open(folder.Combine("store"));
        local.Import([WriteTriples(folder.Path, Rows)]);
        using var sparql = new SparqlServer(local, new SparqlServerOptions { Port = 0, MaxResultRows = null, QueryTimeout = TimeSpan.FromMinutes(5) });
        sparql.Start();

        var handler = new CountingHandler();
        using var store = RemoteStore.Connect(new Uri(sparql.Url + "sparql"), new RemoteStoreOptions
        {
            Handler = handler,
            Resilience = new RemoteResilienceOptions { Timeout = TimeSpan.FromSeconds(3), ReadTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 0 },
        });
        var rows = (SolutionSequence)store.Query("SELECT ?s ?v WHERE { ?s <http://example.org/value> ?v }");
        // A slow consumer: reading takes several times the per-attempt timeout, and the server streams
        // only as fast as the client reads.
        var outcome = Drain(rows, handler, n => { if (n % 2_500 == 0) Thread.Sleep(100); });
        output.WriteLine($"rows read in {outcome.Elapsed.TotalSeconds:0.0} s; {handler.BytesRead:N0} bytes, {outcome.BytesAtFirstRow:N0} read at the first row");

        Assert.Equal(Rows, outcome.Rows);
        Assert.True(outcome.Elapsed > TimeSpan.FromSeconds(6), $"reading took {outcome.Elapsed.TotalSeconds:0.0} s, not twice the 3 s attempt timeout");
        Assert.InRange(outcome.BytesAtFirstRow, 1, handler.BytesRead / 20);
        Assert.True(outcome.FirstRowCollected, "the first row was still referenced half way through: rows are being kept");
    }
}
