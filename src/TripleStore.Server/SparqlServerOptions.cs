namespace TripleStore.Server;

/// <summary>How a <see cref="SparqlServer"/> listens, whom it lets write, and the limits of one request.</summary>
public sealed record SparqlServerOptions
{
    /// <summary>
    /// The address to listen on. Loopback by default, so nothing outside the machine can reach the
    /// store unless asked: "0.0.0.0", "*" or "+" listen on every interface.
    /// </summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see <see cref="SparqlServer.Port"/>).</summary>
    public int Port { get; init; } = 7878;

    /// <summary>A key that authorizes writes, sent as "X-API-Key: key" or "Authorization: Bearer key".</summary>
    public string? ApiKey { get; init; }

    /// <summary>A user name that, with <see cref="Password"/>, authorizes writes through HTTP Basic authentication.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Refuse every write (SPARQL Update, Graph Store PUT/POST/DELETE) with 403, whatever the credentials.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The longest one query (or one update's WHERE clause) may run; null = the store's default.</summary>
    public TimeSpan? QueryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most solutions (or triples) one query response carries; the results are cut there, and the
    /// response says so in its TripleStore-Result-Limit header. Null = no limit.
    /// </summary>
    public long? MaxResultRows { get; init; } = 100_000;

    /// <summary>The largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64L << 20;

    /// <summary>How long <see cref="SparqlServer.Stop"/> lets running requests finish before it cancels them.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether any credential is configured; without one, writes are refused.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(ApiKey) || !string.IsNullOrEmpty(UserName);
}
