using System.Collections.Concurrent;

namespace TripleStore.Operations;

/// <summary>
/// The last backup outcome per store path in this process, kept for health checks (and telemetry):
/// scheduled and manual backups both record here.
/// </summary>
public static class BackupHistory
{
    private static readonly ConcurrentDictionary<string, BackupOutcome> Outcomes = new(
        OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

    public static BackupOutcome? For(string storePath) =>
        Outcomes.TryGetValue(Path.GetFullPath(storePath), out var outcome) ? outcome : null;

    internal static void RecordSuccess(string storePath, BackupInfo backup) =>
        Outcomes.AddOrUpdate(Path.GetFullPath(storePath),
            _ => new BackupOutcome(backup.CreatedUtc, backup.Path, null, null),
            (_, old) => old with { LastSuccessUtc = backup.CreatedUtc, LastBackupPath = backup.Path });

    internal static void RecordFailure(string storePath, string error) =>
        Outcomes.AddOrUpdate(Path.GetFullPath(storePath),
            _ => new BackupOutcome(null, null, DateTime.UtcNow, error),
            (_, old) => old with { LastFailureUtc = DateTime.UtcNow, LastError = error });

    /// <summary>Forgets what was recorded for a store (tests; a store moved elsewhere).</summary>
    public static void Forget(string storePath) => Outcomes.TryRemove(Path.GetFullPath(storePath), out _);
}
