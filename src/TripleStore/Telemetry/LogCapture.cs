using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TripleStore.Telemetry;

/// <summary>
/// Collects the engine's log records for the code flow that started it (an <see cref="AsyncLocal{T}"/>,
/// so tasks the engine starts for that work are included). PowerShell may write to its streams only on
/// the pipeline thread, so records are queued here and the cmdlet drains them on its own thread; when
/// the record is logged on the thread that started the capture, <see cref="Logged"/> is raised at once
/// so it can be written without delay.
/// </summary>
public sealed class LogCapture : IDisposable
{
    private static readonly AsyncLocal<LogCapture?> CurrentCapture = new();
    private static int _active;

    private readonly ConcurrentQueue<CapturedLogRecord> _records = new();
    private readonly LogCapture? _previous;
    private readonly LogLevel _minimum;
    private readonly int _ownerThread = Environment.CurrentManagedThreadId;
    private bool _disposed;

    private LogCapture(LogLevel minimum)
    {
        _minimum = minimum;
        _previous = CurrentCapture.Value;
        CurrentCapture.Value = this;
        Interlocked.Increment(ref _active);
    }

    /// <summary>Starts capturing records at <paramref name="minimumLevel"/> and above (Trace, Debug, Information, Warning, Error, Critical; None captures nothing).</summary>
    public static LogCapture Start(string minimumLevel) =>
        new(Enum.TryParse<LogLevel>(minimumLevel, ignoreCase: true, out var level) ? level : LogLevel.Information);

    internal static LogCapture? Current => CurrentCapture.Value;

    /// <summary>Cheap check for the hot path: is any capture running that takes this level?</summary>
    internal static bool Wants(LogLevel level) =>
        Volatile.Read(ref _active) > 0 && CurrentCapture.Value is { } capture && level >= capture._minimum && level != LogLevel.None;

    /// <summary>Raised on the capturing thread for each record logged on it; records from other threads wait in the queue.</summary>
    public event Action<CapturedLogRecord>? Logged;

    internal void Add(LogLevel level, string category, string message)
    {
        var record = new CapturedLogRecord(level.ToString(), category, message, Environment.CurrentManagedThreadId);
        if (record.ThreadId == _ownerThread && Logged is { } handler)
        {
            Drain(handler);
            handler(record);
        }
        else _records.Enqueue(record);
    }

    /// <summary>Hands every queued record to <paramref name="write"/>, in order; call it on the thread that may write.</summary>
    public void Drain(Action<CapturedLogRecord> write)
    {
        while (_records.TryDequeue(out var record)) write(record);
    }

    /// <summary>Records logged and not yet drained.</summary>
    public int Pending => _records.Count;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interlocked.Decrement(ref _active);
        if (ReferenceEquals(CurrentCapture.Value, this)) CurrentCapture.Value = _previous;
    }
}
