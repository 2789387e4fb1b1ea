namespace TripleStore.Operations;

/// <summary>A store's overall health: the worst status of its checks.</summary>
public sealed record HealthReport(string StorePath, DateTime CheckedUtc, IReadOnlyList<HealthCheck> Checks)
{
    public HealthStatus Status => Checks.Count == 0 ? HealthStatus.Healthy : Checks.Max(c => c.Status);

    /// <summary>The checks that are not Healthy, as "name: detail" lines.</summary>
    public IEnumerable<string> Reasons => Checks.Where(c => c.Status != HealthStatus.Healthy).Select(c => $"{c.Name}: {c.Detail}");
}
