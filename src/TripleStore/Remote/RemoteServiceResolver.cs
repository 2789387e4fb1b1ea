using System.Collections.Concurrent;
using TripleStore.Rdf;
using TripleStore.Sparql;

namespace TripleStore.Remote;

/// <summary>
/// Sends SERVICE patterns over the SPARQL 1.1 Protocol to the endpoints <see cref="FederationOptions"/>
/// allows, one <see cref="RemoteStore"/> (with its own circuit breaker) per endpoint.
/// </summary>
public sealed class RemoteServiceResolver : IServiceResolver, IDisposable
{
    private readonly FederationOptions _options;
    private readonly ConcurrentDictionary<string, RemoteStore> _endpoints = new(StringComparer.Ordinal);

    public RemoteServiceResolver(FederationOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    public SolutionSequence Select(Iri endpoint, string selectQuery, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new TripleStoreException(ErrorCodes.ServiceNotAllowed, ErrorKind.QueryEvaluation, $"SERVICE <{endpoint.Value}>: only http and https endpoints can be called.");
        if (!_options.Allows(uri))
            throw new TripleStoreException(ErrorCodes.ServiceNotAllowed, ErrorKind.QueryEvaluation,
                $"SERVICE <{endpoint.Value}> is not in the federation allowlist; add it to StoreOptions.Federation (Open-TripleStore -FederationAllow '{uri.GetLeftPart(UriPartial.Path)}').");
        var store = _endpoints.GetOrAdd(endpoint.Value, _ => RemoteStore.Connect(uri, new RemoteStoreOptions
        {
            ReadOnly = true,
            Resilience = _options.Resilience,
            Headers = _options.Headers,
        }));
        return (SolutionSequence)store.Query(selectQuery, QueryOptions.Default with { CancellationToken = cancellation });
    }

    public void Dispose()
    {
        foreach (var store in _endpoints.Values) store.Dispose();
        _endpoints.Clear();
    }
}
