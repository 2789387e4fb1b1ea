using TripleStore.Storage;

namespace TripleStore.Operations;

/// <summary>How <see cref="StoreBackup.Create"/> takes a backup.</summary>
public sealed record BackupOptions
{
    /// <summary>Open the finished backup read-only, recount and recompute the checksum (default true).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>After a successful backup keep only this many of the series (oldest deleted); 0 keeps all.</summary>
    public int Keep { get; init; }

    /// <summary>The series name; by default the store folder's name.</summary>
    public string? Series { get; init; }

    public IProgress<BackupProgress>? Progress { get; init; }

    /// <summary>
    /// Called with a snapshot of exactly the moment the checkpoint captures (no write can run in between),
    /// while it is still valid; callers use it to compare a restore with the source's state at that point.
    /// </summary>
    public Action<StoreSnapshot>? CheckpointTaken { get; init; }

    public CancellationToken Cancellation { get; init; }
}
