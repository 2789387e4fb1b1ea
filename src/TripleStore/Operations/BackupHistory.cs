using System.Collections.Concurrent;
using System.Text.Json;

namespace TripleStore.Operations;

/// <summary>
/// The last successful and last failed backup of each store, for health checks (and telemetry):
/// scheduled and manual backups both record here. Each outcome is also written to
/// <see cref="FileName"/> in the store's folder, so the age of the last backup survives a restart of the
/// process and is seen by every process that opens the store, whichever of them took the backup.
/// </summary>
public static class BackupHistory
{
    /// <summary>The file in the store folder that keeps the outcomes (small JSON; RocksDB ignores it).</summary>
    public const string FileName = "backup-history.json";

    private static readonly ConcurrentDictionary<string, BackupOutcome> Outcomes = new(
        OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

    private static readonly object FileGate = new();

    /// <summary>What is known of the store's backups: this process's record merged with the store's history file (the later of each).</summary>
    public static BackupOutcome? For(string storePath)
    {
        var path = Path.GetFullPath(storePath);
        Outcomes.TryGetValue(path, out var memory);
        return Merge(memory, Read(path));
    }

    internal static void RecordSuccess(string storePath, BackupInfo backup) =>
        Record(storePath, old => (old ?? Empty) with { LastSuccessUtc = backup.CreatedUtc, LastBackupPath = backup.Path });

    internal static void RecordFailure(string storePath, string error) =>
        Record(storePath, old => (old ?? Empty) with { LastFailureUtc = DateTime.UtcNow, LastError = error });

    /// <summary>Forgets what was recorded for a store, here and in its history file (tests; a store moved elsewhere).</summary>
    public static void Forget(string storePath)
    {
        var path = Path.GetFullPath(storePath);
        Outcomes.TryRemove(path, out _);
        lock (FileGate)
        {
            try { File.Delete(Path.Combine(path, FileName)); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static readonly BackupOutcome Empty = new(null, null, null, null);

    private static void Record(string storePath, Func<BackupOutcome?, BackupOutcome> change)
    {
        var path = Path.GetFullPath(storePath);
        lock (FileGate)
        {
            // Start from the file too, so an outcome another process recorded is not overwritten with an older one.
            var merged = change(Merge(Outcomes.GetValueOrDefault(path), Read(path)));
            Outcomes[path] = merged;
            Write(path, merged);
        }
    }

    private static BackupOutcome? Merge(BackupOutcome? a, BackupOutcome? b)
    {
        if (a is null || b is null) return a ?? b;
        var success = Later(a.LastSuccessUtc, b.LastSuccessUtc) == a.LastSuccessUtc ? (a.LastSuccessUtc, a.LastBackupPath) : (b.LastSuccessUtc, b.LastBackupPath);
        var failure = Later(a.LastFailureUtc, b.LastFailureUtc) == a.LastFailureUtc ? (a.LastFailureUtc, a.LastError) : (b.LastFailureUtc, b.LastError);
        return new BackupOutcome(success.Item1, success.Item2, failure.Item1, failure.Item2);
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a >= b ? a : b;

    private static BackupOutcome? Read(string storePath)
    {
        var file = Path.Combine(storePath, FileName);
        try
        {
            if (!File.Exists(file)) return null;
            var outcome = JsonSerializer.Deserialize<BackupOutcome>(File.ReadAllText(file));
            return outcome is null ? null : outcome with
            {
                LastSuccessUtc = AsUtc(outcome.LastSuccessUtc),
                LastFailureUtc = AsUtc(outcome.LastFailureUtc),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // A damaged or unreadable history only loses the history; health then reports what this process knows.
            return null;
        }
    }

    private static DateTime? AsUtc(DateTime? value) => value is { } v ? v.ToUniversalTime() : null;

    private static void Write(string storePath, BackupOutcome outcome)
    {
        if (!Directory.Exists(storePath)) return;
        var file = Path.Combine(storePath, FileName);
        var temporary = file + ".tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(outcome));
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a full disk or a read-only store folder must not turn a good backup into a failure.
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
