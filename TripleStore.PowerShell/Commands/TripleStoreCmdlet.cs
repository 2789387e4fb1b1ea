using System.Management.Automation;
using TripleStore.PowerShell.Errors;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// What every TripleStore cmdlet shares: resolving PowerShell paths to files, reporting engine errors
/// as ErrorRecords, and a token that Ctrl+C (StopProcessing) cancels.
/// </summary>
public abstract class TripleStoreCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

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

    protected void WriteEngineError(TripleStoreException exception, object? target) =>
        WriteError(EngineErrorRecord.From(exception, target));

    protected void ThrowEngineError(TripleStoreException exception, object? target) =>
        ThrowTerminatingError(EngineErrorRecord.From(exception, target));
}
