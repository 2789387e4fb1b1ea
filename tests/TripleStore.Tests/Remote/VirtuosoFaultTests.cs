using Xunit;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using TripleStore.Remote;
using TripleStore.Sparql;

namespace TripleStore.Tests.Remote;

/// <summary>
/// Faults on a real Virtuoso of its own (killed, then frozen with SIGSTOP): retries with backoff for
/// queries only, a circuit breaker that fails fast and closes again by itself, timeouts, and the
/// telemetry that shows each of them.
/// </summary>
[Collection(VirtuosoCollection.Name)]
public sealed class VirtuosoFaultTests : IClassFixture<VirtuosoFaultTests.OwnServer>
{
    public sealed class OwnServer : IDisposable
    {
        public VirtuosoServer Server { get; } = new();
        public void Dispose() => Server.Dispose();
    }

    private readonly VirtuosoServer _server;

    public VirtuosoFaultTests(OwnServer own) => _server = own.Server;

    private static long Ask(RemoteStore store) => ((BooleanResult)store.Query("ASK { }")).Value ? 1 : 0;

    [Fact]
    public void Killed_server_queries_are_retried_then_the_breaker_opens_fails_fast_and_closes_again()
    {
        var transitions = new List<string>();
        long retriesSeen = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "TripleStore" && instrument.Name.StartsWith("triplestore.remote.", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "triplestore.remote.retries") Interlocked.Add(ref retriesSeen, value);
            if (instrument.Name == "triplestore.remote.breaker.transitions")
                lock (transitions) foreach (var t in tags) if (t.Key == "triplestore.remote.breaker.state") transitions.Add((string)t.Value!);
        });
        listener.Start();

        using var store = RemoteStore.Connect(_server.SparqlEndpoint, new RemoteStoreOptions
        {
            Resilience = new RemoteResilienceOptions
            {
                MaxRetryAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(5),
                MinimumThroughput = 4, FailureRatio = 0.5, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(2),
            },
        });
        Assert.Equal(1, Ask(store));
        _server.Kill();
        try
        {
            var first = Assert.Throws<RemoteEndpointException>(() => Ask(store));
            Assert.Equal(ErrorCodes.RemoteEndpointUnavailable, first.ErrorCode);
            Assert.Contains(_server.SparqlEndpoint.ToString(), first.Message);
            Assert.Equal(2, store.RetryCount);

            // An update is not idempotent: one attempt, no retry.
            Assert.Throws<RemoteEndpointException>(() => store.Update("INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }"));
            Assert.Equal(2, store.RetryCount);
            Assert.Equal("Open", store.BreakerState);

            var stopwatch = Stopwatch.StartNew();
            var fast = Assert.Throws<RemoteEndpointException>(() => Ask(store));
            Assert.Contains("circuit breaker is open", fast.Message);
            Assert.True(stopwatch.ElapsedMilliseconds < 500, $"an open circuit should fail fast, took {stopwatch.ElapsedMilliseconds} ms");
        }
        finally
        {
            _server.Start();
        }
        Thread.Sleep(2200);
        Assert.Equal(1, Ask(store));
        Assert.Equal("Closed", store.BreakerState);
        Assert.Equal(1, store.BreakerOpenCount);
        listener.RecordObservableInstruments();
        Assert.True(Interlocked.Read(ref retriesSeen) >= 2);
        lock (transitions) Assert.Equal(["open", "half-open", "closed"], transitions.Where(t => t is "open" or "half-open" or "closed").Take(3));
    }

    [Fact]
    public void Stalled_server_times_out_per_attempt_and_answers_again_when_resumed()
    {
        using var store = RemoteStore.Connect(_server.SparqlEndpoint, new RemoteStoreOptions
        {
            Resilience = new RemoteResilienceOptions { Timeout = TimeSpan.FromSeconds(1), MaxRetryAttempts = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(50), UseJitter = false },
        });
        Assert.Equal(1, Ask(store));
        _server.Stall();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var e = Assert.Throws<RemoteEndpointException>(() => Ask(store));
            Assert.Equal(ErrorCodes.RemoteEndpointTimeout, e.ErrorCode);
            Assert.Equal(1, store.RetryCount);
            Assert.InRange(stopwatch.Elapsed.TotalSeconds, 1.9, 10);
        }
        finally
        {
            _server.Resume();
        }
        Assert.Equal(1, Ask(store));
    }
}
