namespace TripleStore.Operations;

/// <summary>How well a store or one of its checks is doing; the order matters (worse is greater).</summary>
public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}
