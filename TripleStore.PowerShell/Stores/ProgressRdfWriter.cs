using System.Diagnostics;
using System.Management.Automation;
using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.PowerShell.Stores;

/// <summary>
/// Passes quads on to another writer and reports how many went through as progress, at most every
/// quarter second. The engine's export calls Write on the cmdlet's own thread, so writing progress from
/// here is allowed.
/// </summary>
internal sealed class ProgressRdfWriter(RdfWriter inner, Cmdlet cmdlet, int activityId, string activity, long? total) : RdfWriter
{
    private static readonly long Interval = Stopwatch.Frequency / 4;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _next = Stopwatch.GetTimestamp() + Interval;

    public override RdfFormat Format => inner.Format;

    public override void Write(in Quad quad)
    {
        inner.Write(quad);
        StatementCount++;
        if (Stopwatch.GetTimestamp() < _next) return;
        _next = Stopwatch.GetTimestamp() + Interval;
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var record = new ProgressRecord(activityId, activity, $"{StatementCount:N0} statements written, {StatementCount / Math.Max(seconds, 0.001):N0}/s");
        if (total is > 0) record.PercentComplete = (int)Math.Clamp(100 * StatementCount / total.Value, 0, 99);
        cmdlet.WriteProgress(record);
    }

    protected override void OnFinish()
    {
        inner.Finish();
        cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
    }
}
