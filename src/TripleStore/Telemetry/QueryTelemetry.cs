using System.Diagnostics;

namespace TripleStore.Telemetry;

/// <summary>
/// The span and measurements of one query. Results are lazy, so the query ends when its result has
/// been read to the end or abandoned, not when <see cref="RdfStore.Query"/> returns; the span is
/// detached from <see cref="Activity.Current"/> meanwhile so it does not parent the caller's later work.
/// </summary>
internal sealed class QueryTelemetry
{
    private readonly Activity? _activity;
    private readonly Activity? _previous;
    private readonly long _started = Stopwatch.GetTimestamp();
    private string _form = "unknown";
    private int _finished;

    private QueryTelemetry(string name)
    {
        _previous = Activity.Current;
        _activity = TripleStoreTelemetry.ActivitySource.StartActivity(name);
    }

    public static QueryTelemetry Start() => new("triplestore.query");

    public Activity? Activity => _activity;

    public void SetForm(Sparql.QueryForm form)
    {
        _form = StoreMetrics.FormName(form);
        _activity?.SetTag(StoreMetrics.QueryForm, _form);
    }

    /// <summary>Restores the caller's current activity while the lazy result waits to be read.</summary>
    public void Detach()
    {
        if (_activity is not null && ReferenceEquals(Activity.Current, _activity)) Activity.Current = _previous;
    }

    public void Complete(long rows)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) return;
        var form = new KeyValuePair<string, object?>(StoreMetrics.QueryForm, _form);
        StoreMetrics.QueryDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, form);
        StoreMetrics.QueryRows.Record(rows, form);
        _activity?.SetTag("triplestore.query.rows", rows);
        Stop();
    }

    public void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) return;
        StoreMetrics.RecordError(exception, _activity);
        StoreMetrics.QueryDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>(StoreMetrics.QueryForm, _form));
        Stop();
    }

    private void Stop()
    {
        if (_activity is null) return;
        var current = Activity.Current;
        _activity.Stop();
        // Stopping sets Current to the span's parent; a span stopped later, elsewhere, must not change the caller's.
        if (!ReferenceEquals(current, _activity)) Activity.Current = current;
    }
}
