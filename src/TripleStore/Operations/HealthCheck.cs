namespace TripleStore.Operations;

/// <summary>One health check's outcome: what was measured against which threshold, and why it has its status.</summary>
public sealed record HealthCheck(string Name, HealthStatus Status, string? Value, string? Threshold, string Detail);
