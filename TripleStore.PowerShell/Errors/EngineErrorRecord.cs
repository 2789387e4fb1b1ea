using System.Management.Automation;

namespace TripleStore.PowerShell.Errors;

/// <summary>Turns engine exceptions into ErrorRecords whose ErrorId is the engine's stable error code.</summary>
public static class EngineErrorRecord
{
    public static ErrorRecord From(TripleStoreException exception, object? target)
    {
        var record = new ErrorRecord(exception, exception.ErrorCode, ErrorCategoryMap.For(exception), target);
        var advice = RecommendedAction(exception.Kind);
        if (advice is not null)
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = advice };
        return record;
    }

    private static string? RecommendedAction(ErrorKind kind) => kind switch
    {
        ErrorKind.Parse => "Fix the input at that line and column; Test-Rdf lists every error in a file.",
        ErrorKind.NotFound => "Check the path; relative paths are resolved against the current location.",
        _ => null,
    };
}
