using TripleStore.Storage;

namespace TripleStore.Operations;

/// <summary>
/// Restores a backup into a folder: the backup is verified first, the files are copied beside the
/// destination under a temporary name and moved into place, then the restored store is opened and
/// checked against the manifest. An existing store is replaced only with <c>force</c>, and never while
/// it is open (in this process or another).
/// </summary>
public static class StoreRestore
{
    public static RestoreResult Restore(string backupPath, string destination, bool force = false, IProgress<BackupProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupPath);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        progress?.Report(new BackupProgress("Validating backup", 0));
        var backup = StoreBackup.Read(backupPath, verify: true, cancellation);
        if (backup.Verified != true)
            throw new TripleStoreException(ErrorCodes.Restore, ErrorKind.Restore,
                $"The backup {backup.Path} does not verify ({backup.VerificationError}); nothing was restored.");
        if (OperationFailure.IsInside(target, backup.Path) || OperationFailure.IsInside(backup.Path, target))
            throw new TripleStoreException(ErrorCodes.Restore, ErrorKind.Restore,
                $"Cannot restore {backup.Path} into {target}: one folder contains the other.");

        bool occupied = Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any();
        if (occupied && !force)
            throw new TripleStoreException(ErrorCodes.Restore, ErrorKind.Restore,
                $"{target} already exists and is not empty{(IsStore(target) ? " (it holds a store)" : "")}; restore elsewhere, or use Force to replace it.");

        string staging = target + ".restore-" + Guid.NewGuid().ToString("n")[..8];
        try
        {
            progress?.Report(new BackupProgress("Copying", 30));
            CopyFolder(backup.StorePath, staging, cancellation);
            if (occupied)
            {
                // Holding the store's lock proves no one (this process included) has it open.
                string retired = target + ".replaced-" + Guid.NewGuid().ToString("n")[..8];
                using (StoreLock.Acquire(target))
                {
                    Directory.Move(target, retired);
                }
                Directory.Move(staging, target);
                Directory.Delete(retired, recursive: true);
            }
            else
            {
                if (Directory.Exists(target)) Directory.Delete(target);
                Directory.Move(staging, target);
            }
        }
        catch (Exception e)
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (e is TripleStoreException { ErrorCode: ErrorCodes.StoreLocked } locked)
                throw new TripleStoreException(ErrorCodes.StoreLocked, ErrorKind.StoreLocked,
                    $"Cannot restore over {target}: the {locked.Message} Close it first.", e);
            throw OperationFailure.Wrap(e, ErrorCodes.Restore, ErrorKind.Restore, $"Restoring {backup.Path} to {target} failed");
        }

        progress?.Report(new BackupProgress("Verifying", 70));
        string? error = StoreBackup.VerifyStore(target, backup.Manifest, cancellation);
        if (error is not null)
            throw new TripleStoreException(ErrorCodes.Restore, ErrorKind.Restore, $"The store restored to {target} does not match its backup: {error}.");
        progress?.Report(new BackupProgress("Done", 100));
        return new RestoreResult(target, backup, true);
    }

    private static bool IsStore(string folder) => File.Exists(Path.Combine(folder, "CURRENT"));

    private static void CopyFolder(string source, string target, CancellationToken cancellation)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            cancellation.ThrowIfCancellationRequested();
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.EnumerateDirectories(source))
            CopyFolder(dir, Path.Combine(target, Path.GetFileName(dir)), cancellation);
    }
}
