using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace TripleStore.Benchmarks;

/// <summary>
/// With TRIPLESTORE_JIT_TRACE=1, lists the methods the JIT compiled while the measured mixes ran (after the
/// warm-up), busiest namespace first: what a JIT figure under the runner's table is made of.
/// </summary>
internal sealed class JitTrace : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentQueue<string> _methods = new();
    private volatile bool _recording;

    public static JitTrace? StartIfAsked() =>
        Environment.GetEnvironmentVariable("TRIPLESTORE_JIT_TRACE") == "1" ? new JitTrace() : null;

    /// <summary>From now on compiled methods are kept.</summary>
    public void Record() => _recording = true;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName?.StartsWith("MethodJittingStarted", StringComparison.Ordinal) != true || e.Payload is null) return;
        string ns = e.PayloadNames!.IndexOf("MethodNamespace") is int i and >= 0 ? e.Payload[i]?.ToString() ?? "" : "";
        string name = e.PayloadNames!.IndexOf("MethodName") is int j and >= 0 ? e.Payload[j]?.ToString() ?? "" : "";
        _methods.Enqueue(ns + "::" + name);
    }

    /// <summary>A line between the methods, e.g. which execution starts.</summary>
    public void Mark(string label) => _methods.Enqueue("-- " + label);

    public void Print(TextWriter writer)
    {
        var all = _methods.ToArray();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"JIT trace: {all.Length} methods compiled after the warm-up."));
        foreach (var m in all) writer.WriteLine("  " + m);
    }
}
