using TripleStore.Rdf;

namespace TripleStore.Sparql;

/// <summary>
/// Runs the SELECT query of a SERVICE pattern at a remote endpoint. The evaluator knows only this;
/// the HTTP client, the endpoint allowlist and the resilience policies live behind it
/// (<see cref="Remote.RemoteServiceResolver"/>). Throw <see cref="TripleStoreException"/> with
/// <see cref="ErrorCodes.ServiceNotAllowed"/> for an endpoint that may not be called.
/// </summary>
public interface IServiceResolver
{
    /// <summary>The solutions of <paramref name="selectQuery"/> at <paramref name="endpoint"/>, streamed.</summary>
    SolutionSequence Select(Iri endpoint, string selectQuery, CancellationToken cancellation);
}
