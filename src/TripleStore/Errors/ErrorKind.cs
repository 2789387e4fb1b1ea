namespace TripleStore;

/// <summary>The broad class of an engine error; the PowerShell layer maps each to an ErrorCategory.</summary>
public enum ErrorKind
{
    Parse,
    QuerySyntax,
    QueryEvaluation,
    Timeout,
    LimitExceeded,
    StoreLocked,
    StoreFormat,
    Corruption,
    Backup,
    Restore,
    Configuration,
    IO,
    NotFound,
    InvalidArgument,
    InvalidOperation,
    Canceled,
}
