namespace TripleStore.Remote;

/// <summary>A request to a remote endpoint failed: which endpoint, which HTTP status (if any) and what the server said.</summary>
public sealed class RemoteEndpointException : TripleStoreException
{
    public RemoteEndpointException(string errorCode, ErrorKind kind, string endpoint, int? statusCode, string? serverMessage, string message, Exception? inner = null)
        : base(errorCode, kind, message, inner)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    public string Endpoint { get; }

    /// <summary>The HTTP status, or null when no response came (connection refused, timeout, open circuit).</summary>
    public int? StatusCode { get; }

    public string? ServerMessage { get; }
}
