using System.Management.Automation;

namespace TripleStore.PowerShell.Errors;

/// <summary>
/// The one place that decides which PowerShell ErrorCategory an engine error gets (the table in
/// docs/errors.md): by its <see cref="ErrorKind"/>, except for the few codes whose kind is broader
/// than what a script should see.
/// </summary>
public static class ErrorCategoryMap
{
    public static ErrorCategory For(TripleStoreException exception) => exception.ErrorCode switch
    {
        ErrorCodes.InputTooDeep or ErrorCodes.InputTooLarge => ErrorCategory.LimitsExceeded,
        ErrorCodes.StoreReadOnly => ErrorCategory.PermissionDenied,
        ErrorCodes.ServerStartFailed => ErrorCategory.ResourceUnavailable,
        ErrorCodes.BenchmarkWrongAnswer => ErrorCategory.InvalidResult,
        _ => For(exception.Kind),
    };

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
        ErrorKind.IO => ErrorCategory.WriteError,
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.Canceled => ErrorCategory.OperationStopped,
        _ => ErrorCategory.NotSpecified,
    };
}
