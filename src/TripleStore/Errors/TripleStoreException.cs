namespace TripleStore;

/// <summary>The base of every error the engine raises on purpose. <see cref="ErrorCode"/> is stable.</summary>
public class TripleStoreException : Exception
{
    public TripleStoreException(string errorCode, ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        Kind = kind;
    }

    /// <summary>A stable identifier from <see cref="ErrorCodes"/>.</summary>
    public string ErrorCode { get; }

    public ErrorKind Kind { get; }
}
