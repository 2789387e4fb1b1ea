namespace TripleStore.Server;

/// <summary>A request the server answers with an error status and a readable message (never a stack trace).</summary>
internal sealed class HttpError(int status, string message, string? code = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The engine's error code, when the error came from the engine; sent in the TripleStore-Error header.</summary>
    public string? Code { get; } = code;

    /// <summary>Extra response headers, such as WWW-Authenticate or Allow.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HttpError With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }

    /// <summary>The status an engine error maps to.</summary>
    public static HttpError From(TripleStoreException e)
    {
        int status = e.Kind switch
        {
            ErrorKind.Parse or ErrorKind.QuerySyntax or ErrorKind.InvalidArgument or ErrorKind.Configuration or ErrorKind.QueryEvaluation => 400,
            ErrorKind.LimitExceeded => e.ErrorCode is ErrorCodes.InputTooLarge or ErrorCodes.InputTooDeep ? 413 : 400,
            ErrorKind.Timeout => 503,
            ErrorKind.NotFound => 404,
            ErrorKind.Canceled => 503,
            ErrorKind.StoreLocked => 503,
            ErrorKind.InvalidOperation when e.ErrorCode == ErrorCodes.StoreReadOnly => 403,
            ErrorKind.InvalidOperation when e.ErrorCode == ErrorCodes.StoreClosed => 503,
            ErrorKind.InvalidOperation => 400,
            _ => 500,
        };
        return new HttpError(status, e.Message, e.ErrorCode);
    }
}
