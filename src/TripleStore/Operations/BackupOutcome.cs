namespace TripleStore.Operations;

/// <summary>The last successful and the last failed backup of one store.</summary>
public sealed record BackupOutcome(DateTime? LastSuccessUtc, string? LastBackupPath, DateTime? LastFailureUtc, string? LastError);
