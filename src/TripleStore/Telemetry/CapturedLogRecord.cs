namespace TripleStore.Telemetry;

/// <summary>
/// A log record held by a <see cref="LogCapture"/>. The level is a string (Trace, Debug, Information,
/// Warning, Error, Critical) so that callers need not load the logging abstractions themselves.
/// </summary>
public sealed record CapturedLogRecord(string Level, string Category, string Message, int ThreadId);
