namespace TripleStore.Operations;

/// <summary>A finished restore: where the store now is, from which backup, and whether it verified.</summary>
public sealed record RestoreResult(string Path, BackupInfo Backup, bool Verified)
{
    public long QuadCount => Backup.QuadCount;
}
