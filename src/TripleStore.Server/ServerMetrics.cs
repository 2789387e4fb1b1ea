using Prometheus;

namespace TripleStore.Server;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own (not prometheus-net's process-wide default),
/// so two servers in one process never mix their counts. /metrics writes them followed by the engine's
/// own exposition (<see cref="Telemetry.PrometheusExporter"/>: the "TripleStore" meter's instruments).
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Counter _requests;
    private readonly Histogram _durations;
    private readonly Gauge _inFlight;
    private readonly Counter _rows;
    private readonly Counter _truncated;
    private readonly Gauge _quads;
    private readonly Gauge _up;

    public ServerMetrics(RdfStore store)
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _requests = factory.CreateCounter("triplestore_server_requests_total", "HTTP requests answered, by endpoint, method and status code.",
            new CounterConfiguration { LabelNames = ["endpoint", "method", "status"] });
        _durations = factory.CreateHistogram("triplestore_server_request_duration_seconds", "Time from request to the last byte of the response, by endpoint.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 18) });
        _inFlight = factory.CreateGauge("triplestore_server_requests_in_flight", "Requests being answered now.");
        _rows = factory.CreateCounter("triplestore_server_result_rows_total", "Solutions and triples sent in query responses.");
        _truncated = factory.CreateCounter("triplestore_server_results_truncated_total", "Query responses cut at the maximum result rows.");
        _quads = factory.CreateGauge("triplestore_store_quads", "Asserted quads in the served store (from its counters).");
        _up = factory.CreateGauge("triplestore_server_up", "1 while the server is running.");
        _registry.AddBeforeCollectCallback(() =>
        {
            try
            {
                _quads.Set(store.Count());
            }
            catch (TripleStoreException)
            {
                // A closed store has no count; the readiness endpoint reports why.
            }
        });
    }

    public void SetUp(bool up) => _up.Set(up ? 1 : 0);

    public IDisposable TrackInFlight() => _inFlight.TrackInProgress();

    public void Record(string endpoint, string method, int status, TimeSpan duration)
    {
        _requests.WithLabels(endpoint, method, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _durations.WithLabels(endpoint).Observe(duration.TotalSeconds);
    }

    public void AddRows(long rows, bool truncated)
    {
        _rows.Inc(rows);
        if (truncated) _truncated.Inc();
    }

    /// <summary>Writes the server's metrics, then the engine's, in the Prometheus text exposition format.</summary>
    public async Task WriteAsync(Stream output, CancellationToken cancellation)
    {
        await _registry.CollectAndExportAsTextAsync(output, cancellation).ConfigureAwait(false);
        await Telemetry.PrometheusExporter.WriteAsync(output, cancellation).ConfigureAwait(false);
    }

    public void Dispose()
    {
    }
}
