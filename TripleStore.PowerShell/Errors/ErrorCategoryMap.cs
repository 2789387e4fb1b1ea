using System.Management.Automation;

namespace TripleStore.PowerShell.Errors;

/// <summary>The one place that decides which PowerShell ErrorCategory each engine <see cref="ErrorKind"/> gets.</summary>
public static class ErrorCategoryMap
{
    public static ErrorCategory For(ErrorKind kind) => kind switch
    {
        ErrorKind.Parse => ErrorCategory.ParserError,
        ErrorKind.QuerySyntax => ErrorCategory.ParserError,
        ErrorKind.QueryEvaluation => ErrorCategory.InvalidOperation,
        ErrorKind.Timeout => ErrorCategory.OperationTimeout,
        ErrorKind.LimitExceeded => ErrorCategory.LimitsExceeded,
        ErrorKind.StoreLocked => ErrorCategory.ResourceBusy,
        ErrorKind.StoreFormat => ErrorCategory.InvalidData,
        ErrorKind.Corruption => ErrorCategory.InvalidData,
        ErrorKind.Backup => ErrorCategory.WriteError,
        ErrorKind.Restore => ErrorCategory.WriteError,
        ErrorKind.Configuration => ErrorCategory.InvalidArgument,
        ErrorKind.IO => ErrorCategory.ResourceUnavailable,
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.Canceled => ErrorCategory.OperationStopped,
        _ => ErrorCategory.NotSpecified,
    };
}
