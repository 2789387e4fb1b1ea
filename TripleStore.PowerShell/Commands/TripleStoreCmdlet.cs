using System.Management.Automation;
using TripleStore.PowerShell.Errors;
using TripleStore.Telemetry;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// What every TripleStore cmdlet shares: resolving PowerShell paths to files, reporting engine errors
/// as ErrorRecords, and a token that Ctrl+C (StopProcessing) cancels.
/// </summary>
public abstract class TripleStoreCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();
    private LogCapture? _log;

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Starts routing the engine's log records to this cmdlet's streams. Overrides must call it.</summary>
    protected override void BeginProcessing() => StartLogCapture();

    /// <summary>Writes log records that other threads queued. Overrides must call it.</summary>
    protected override void EndProcessing()
    {
        FlushLog();
        _log?.Dispose();
        _log = null;
    }

    /// <summary>
    /// Engine log records become stream output: Debug and Trace → Debug, Information → Verbose (and the
    /// Information stream, tagged TripleStore), Warning and worse → Warning. Only levels someone will see
    /// are captured, so a plain run costs nothing.
    /// </summary>
    private void StartLogCapture()
    {
        if (_log is not null) return;
        string level = Wants("Debug", "DebugPreference") ? "Debug"
            : Wants("Verbose", "VerbosePreference") || Preference("InformationPreference") ? "Information"
            : "Warning";
        _log = LogCapture.Start(level);
        // Raised on this (the pipeline) thread only; records of other threads wait for FlushLog.
        _log.Logged += WriteLogRecord;
    }

    /// <summary>Writes queued log records; call on the pipeline thread (ProcessRecord, EndProcessing, progress).</summary>
    protected void FlushLog() => _log?.Drain(WriteLogRecord);

    private void WriteLogRecord(CapturedLogRecord record)
    {
        var text = SafeMessages ? Configuration.SafeMessage.Redact(record.Message) : record.Message;
        switch (record.Level)
        {
            case "Trace" or "Debug":
                WriteDebug(text);
                break;
            case "Information":
                WriteVerbose(text);
                WriteInformation(new InformationRecord(text, record.Category), ["TripleStore"]);
                break;
            default:
                WriteWarning(text);
                break;
        }
    }

    private bool Wants(string parameter, string preference) =>
        (MyInvocation.BoundParameters.TryGetValue(parameter, out var value) && value is SwitchParameter { IsPresent: true })
        || Preference(preference);

    private bool Preference(string variable) =>
        GetVariableValue(variable) is ActionPreference preference and not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);

    /// <summary>
    /// True when the store in use (or being opened) was configured with SafeMessages: error and log text
    /// then hides file-system paths, and error records carry no inner exception or stack trace.
    /// </summary>
    protected virtual bool SafeMessages => Stores.StoreSession.ForCurrentRunspace().Current?.Configuration.SafeMessages ?? false;

    /// <summary>
    /// The file-system paths a -Path value names. Wildcards expand to the matching files; a literal path
    /// is returned as given, even if missing, so that the engine reports it with its own error code.
    /// </summary>
    protected IReadOnlyList<string> ResolveFilePaths(string path)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(path))
            return new[] { GetUnresolvedProviderPathFromPSPath(path) };
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file-system path."),
                    "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                return Array.Empty<string>();
            }
            return resolved.Where(p => !Directory.Exists(p)).ToArray();
        }
        catch (ItemNotFoundException)
        {
            WriteEngineError(new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"No file matches '{path}'."), path);
            return Array.Empty<string>();
        }
    }

    /// <summary>The file-system path a destination names, resolved against the current location.</summary>
    protected string ResolveDestinationPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    protected void WriteEngineError(TripleStoreException exception, object? target)
    {
        FlushLog();
        WriteError(EngineErrorRecord.From(Safe(exception), SafeMessages ? null : target));
    }

    protected void ThrowEngineError(TripleStoreException exception, object? target)
    {
        FlushLog();
        ThrowTerminatingError(EngineErrorRecord.From(Safe(exception), SafeMessages ? null : target));
    }

    private TripleStoreException Safe(TripleStoreException exception) =>
        SafeMessages ? Configuration.SafeMessage.Redact(exception) : exception;
}
