using TripleStore.Server;

namespace TripleStore.PowerShell;

/// <summary>
/// A SPARQL protocol server started by Start-TripleStoreServer, as the session sees it: where it
/// listens, whether it runs, and how it is configured. Pipe it to Stop-TripleStoreServer.
/// </summary>
public sealed class TripleStoreServer
{
    private readonly SparqlServer _server;

    internal TripleStoreServer(SparqlServer server) => _server = server;

    internal SparqlServer Server => _server;

    internal RdfStore Store => _server.Store;

    /// <summary>The server's root URL, e.g. http://127.0.0.1:7878/.</summary>
    public string Url => _server.Url;

    /// <summary>The SPARQL 1.1 Protocol endpoint (query and update).</summary>
    public string SparqlEndpoint => _server.SparqlUrl;

    /// <summary>The Graph Store HTTP Protocol endpoint.</summary>
    public string GraphStoreEndpoint => _server.GraphStoreUrl;

    /// <summary>Created, Running, Stopping or Stopped.</summary>
    public string State => _server.State.ToString();

    public string Address => _server.Options.Address;

    public int Port => _server.Port;

    /// <summary>The folder of the store it serves.</summary>
    public string StorePath => _server.Store.Path;

    /// <summary>True when every write is refused (-ReadOnly, or a store opened read-only).</summary>
    public bool ReadOnly => _server.Options.ReadOnly || _server.Store.IsReadOnly;

    /// <summary>What authorizes writes: None (writes refused), ApiKey, Basic, or ApiKey+Basic.</summary>
    public string Authentication =>
        (string.IsNullOrEmpty(_server.Options.ApiKey), string.IsNullOrEmpty(_server.Options.UserName)) switch
        {
            (false, false) => "ApiKey+Basic",
            (false, true) => "ApiKey",
            (true, false) => "Basic",
            _ => "None",
        };

    public TimeSpan? QueryTimeout => _server.Options.QueryTimeout;

    public long? MaxResultRows => _server.Options.MaxResultRows;

    public long MaxRequestBodySize => _server.Options.MaxRequestBodyBytes;

    public DateTime? StartedUtc => _server.StartedUtc;

    /// <summary>Requests answered so far.</summary>
    public long RequestCount => _server.RequestCount;

    public override string ToString() => Url;
}
