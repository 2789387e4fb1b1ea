namespace TripleStore.Remote;

/// <summary>
/// Which endpoints SERVICE may call. Off by default: a query must not make the store reach out to
/// arbitrary hosts. An endpoint is allowed when its URL starts with an entry of
/// <see cref="AllowedEndpoints"/> or its host is in <see cref="AllowedHosts"/>.
/// </summary>
public sealed record FederationOptions
{
    /// <summary>Endpoint URL prefixes, such as "http://127.0.0.1:8890/sparql".</summary>
    public IReadOnlyList<string> AllowedEndpoints { get; init; } = [];

    /// <summary>Host names (any port, any path), such as "sparql.example.org"; "*" allows every host.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>How SERVICE requests are retried, timed out and broken off (per endpoint).</summary>
    public RemoteResilienceOptions Resilience { get; init; } = new();

    /// <summary>Headers sent with every SERVICE request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool IsEnabled => AllowedEndpoints.Count > 0 || AllowedHosts.Count > 0;

    public bool Allows(Uri endpoint) =>
        AllowedHosts.Any(h => h == "*" || string.Equals(h, endpoint.Host, StringComparison.OrdinalIgnoreCase))
        || AllowedEndpoints.Any(e => endpoint.ToString().StartsWith(e, StringComparison.Ordinal));
}
