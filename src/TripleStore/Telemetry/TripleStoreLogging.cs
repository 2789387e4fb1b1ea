using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TripleStore.Telemetry;

/// <summary>
/// Where the engine's log records go: the <see cref="StoreOptions.LoggerFactory"/> of a store, else
/// <see cref="DefaultLoggerFactory"/> (a host sets it once to plug in Serilog, the console logger, an
/// OpenTelemetry log exporter...), and in every case the <see cref="LogCapture"/> active on the calling
/// flow, which is how cmdlets turn records into PowerShell stream output.
/// </summary>
public static class TripleStoreLogging
{
    /// <summary>The logger factory for stores whose options name none; null logs nowhere (but captures still see the records).</summary>
    public static ILoggerFactory? DefaultLoggerFactory { get; set; }

    internal static ILogger CreateLogger(ILoggerFactory? factory, string category) =>
        new CapturingLogger((factory ?? DefaultLoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(category), category);

    /// <summary>Wraps a logger the caller gave (or none) so that the current flow's capture sees its records too.</summary>
    internal static ILogger Wrap(ILogger? logger, string category) =>
        new CapturingLogger(logger ?? (ILogger?)DefaultLoggerFactory?.CreateLogger(category) ?? NullLogger.Instance, category);

    /// <summary>Forwards to the host's logger and to the capture of the current flow, if any.</summary>
    private sealed class CapturingLogger(ILogger inner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || LogCapture.Wants(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
            if (LogCapture.Wants(logLevel)) LogCapture.Current?.Add(logLevel, category, formatter(state, exception));
        }
    }
}
