using System.Net;
using Microsoft.Extensions.Logging;

namespace TripleStore.Remote;

/// <summary>How <see cref="RemoteStore.Connect"/> reaches a SPARQL endpoint.</summary>
public sealed record RemoteStoreOptions
{
    /// <summary>Where updates go (SPARQL 1.1 Protocol); null = updates go to the query endpoint.</summary>
    public Uri? UpdateEndpoint { get; init; }

    /// <summary>A SPARQL 1.1 Graph Store HTTP Protocol endpoint; when set, imports and graph exports use it.</summary>
    public Uri? GraphStoreEndpoint { get; init; }

    /// <summary>
    /// Accept any TLS certificate of an https endpoint (self-signed test servers). Off by default; prefer
    /// trusting the server's CA on the machine (on Linux, SSL_CERT_FILE or the system store).
    /// </summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>Credentials for Basic or Digest authentication (answering the server's challenge).</summary>
    public NetworkCredential? Credential { get; init; }

    /// <summary>Headers sent with every request (for example an API key).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Open without an update endpoint: every write fails with <see cref="ErrorCodes.RemoteNotSupported"/>.</summary>
    public bool ReadOnly { get; init; }

    public RemoteQueryMethod QueryMethod { get; init; } = RemoteQueryMethod.Auto;

    public RemoteResilienceOptions Resilience { get; init; } = new();

    /// <summary>
    /// Statements per request when importing; each chunk is one INSERT DATA or one Graph Store POST.
    /// Servers limit request sizes (Virtuoso's SPARQL compiler gives up on INSERT DATA of about 5,000
    /// triples), hence the modest default.
    /// </summary>
    public int ImportChunkSize { get; init; } = 2_000;

    /// <summary>A shared result cache in Redis in front of the endpoint; null = none.</summary>
    public RedisCacheOptions? RedisCache { get; init; }

    /// <summary>Where retries, breaker changes, failed requests and Redis outages are logged.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The HTTP handler to use instead of the default one (tests, proxies).</summary>
    public HttpMessageHandler? Handler { get; init; }
}
