using System.Diagnostics.Metrics;

namespace TripleStore.Remote;

/// <summary>
/// The remote client's instruments, on the engine's Meter "TripleStore": requests by outcome, retries,
/// and circuit breaker state changes, each tagged with the endpoint.
/// </summary>
internal static class RemoteTelemetry
{
    private static Meter Meter => Telemetry.TripleStoreTelemetry.Meter;

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("triplestore.remote.requests", "{request}", "Requests sent to remote SPARQL endpoints, by outcome.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("triplestore.remote.retries", "{retry}", "Requests to remote endpoints retried after a transient failure.");

    public static readonly Counter<long> BreakerTransitions = Meter.CreateCounter<long>("triplestore.remote.breaker.transitions", "{transition}", "Circuit breaker state changes (opened, half-opened, closed).");
}
