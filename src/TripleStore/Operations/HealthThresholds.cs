namespace TripleStore.Operations;

/// <summary>
/// The limits health checks compare against. Defaults suit a small server; operators tighten or loosen
/// them, and tests force a condition by setting a limit the store is sure to cross.
/// </summary>
public sealed record HealthThresholds
{
    /// <summary>Free space on the store's volume below which the store is Degraded.</summary>
    public long MinFreeDiskBytes { get; init; } = 1L << 30;
    /// <summary>Free space below which the store is Unhealthy (writes are about to fail).</summary>
    public long CriticalFreeDiskBytes { get; init; } = 100L << 20;
    public long MaxPendingCompactionBytes { get; init; } = 64L << 30;
    public long MaxMemtableBytes { get; init; } = 512L << 20;
    /// <summary>Block-cache usage as a fraction of capacity above which it is reported Degraded (a cache too small for the working set).</summary>
    public double MaxBlockCacheUsageRatio { get; init; } = 1.01;
    public long MaxEstimatedMemoryBytes { get; init; } = 4L << 30;
    public long MaxWalBytes { get; init; } = 1L << 30;
    /// <summary>Quads above which the store is reported Degraded (capacity planning); by default none.</summary>
    public long MaxQuadCount { get; init; } = long.MaxValue;
    /// <summary>Oldest acceptable successful backup; null means backups are not monitored.</summary>
    public TimeSpan? MaxBackupAge { get; init; }
    /// <summary>Oldest acceptable reasoning result, when a reasoning status provider is registered.</summary>
    public TimeSpan MaxReasoningStaleness { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Canonical quads per family the integrity spot check examines (0 turns it off).</summary>
    public long IntegritySampleQuads { get; init; } = 1000;
}
