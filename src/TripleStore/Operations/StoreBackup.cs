using System.Globalization;
using System.Reflection;
using RocksDbSharp;
using TripleStore.Storage;

namespace TripleStore.Operations;

/// <summary>
/// Online, verified backups. A backup is a folder <c>&lt;series&gt;-&lt;UTC time&gt;</c> holding
/// <c>store/</c> (a RocksDB checkpoint: hard links to the immutable data files when the destination is on
/// the same file system, copies otherwise — RocksDB falls back to copying when linking fails) and
/// <c>manifest.json</c>. It is built under a hidden temporary name and renamed only once complete (and
/// verified), so a folder that looks like a backup always is one.
/// </summary>
public static class StoreBackup
{
    public const string StoreFolderName = "store";
    private const string PartialPrefix = ".partial-";
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public static string EngineVersion { get; } =
        typeof(StoreBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(StoreBackup).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>
    /// Backs up <paramref name="store"/> into a new folder under <paramref name="destination"/> while it
    /// stays open for reads and writes. Writes wait only while the checkpoint is cut.
    /// </summary>
    public static BackupInfo Create(RdfStore store, string destination, BackupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        options ??= new BackupOptions();
        if (options.Keep < 0)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument, "Keep must be 0 (keep all) or more.");
        string target = Path.GetFullPath(destination);
        string storePath = store.Path;
        using var activity = Telemetry.TripleStoreTelemetry.ActivitySource.StartActivity("triplestore.backup");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (OperationFailure.IsInside(target, storePath))
                throw new TripleStoreException(ErrorCodes.Backup, ErrorKind.Backup,
                    $"Cannot back up {storePath} into {target}: the destination is inside the store. Choose a folder outside it.");
            var info = CreateChecked(store, target, options);
            BackupHistory.RecordSuccess(storePath, info);
            if (options.Keep > 0) Rotate(target, info.Series, options.Keep);
            Telemetry.StoreMetrics.BackupDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            Telemetry.StoreMetrics.BackupSize.Record(info.SizeBytes);
            activity?.SetTag("triplestore.backup.size", info.SizeBytes);
            return info;
        }
        catch (Exception e) when (e is not TripleStoreException { ErrorCode: ErrorCodes.StoreClosed })
        {
            var error = OperationFailure.Wrap(e, ErrorCodes.Backup, ErrorKind.Backup, $"The backup of {storePath} to {target} failed");
            BackupHistory.RecordFailure(storePath, error.Message);
            Telemetry.StoreMetrics.BackupFailures.Add(1, new KeyValuePair<string, object?>(Telemetry.StoreMetrics.ErrorType, error.ErrorCode));
            Telemetry.StoreMetrics.RecordError(error, activity);
            throw error;
        }
    }

    private static BackupInfo CreateChecked(RdfStore store, string target, BackupOptions options)
    {
        var progress = options.Progress;
        Directory.CreateDirectory(target);
        string series = options.Series ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(store.Path));
        string partial = Path.Combine(target, PartialPrefix + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(partial);
        try
        {
            progress?.Report(new BackupProgress("Checkpoint", 0));
            var database = store.Database;
            var (snapshot, sequence, createdUtc) = store.RunExclusive(() =>
            {
                var pinned = store.OpenSnapshot();
                try
                {
                    ulong seq = database.Db.GetLatestSequenceNumber();
                    using var checkpoint = database.Db.Checkpoint();
                    checkpoint.Save(Path.Combine(partial, StoreFolderName));
                    options.CheckpointTaken?.Invoke(pinned);
                    return (pinned, seq, DateTime.UtcNow);
                }
                catch
                {
                    pinned.Dispose();
                    throw;
                }
            });

            StoreDigest digest;
            using (snapshot)
            {
                progress?.Report(new BackupProgress("Counting", 20));
                digest = StoreDigest.Compute(snapshot, options.Cancellation);
            }
            var manifest = new BackupManifest
            {
                CreatedUtc = createdUtc,
                EngineVersion = EngineVersion,
                StoreFormatVersion = StoreDatabase.FormatVersion,
                SourcePath = store.Path,
                Series = series,
                SequenceNumber = sequence,
                QuadCount = digest.QuadCount,
                GraphCounts = digest.GraphCounts,
                Checksum = digest.Checksum,
                SizeBytes = OperationFailure.FolderSize(Path.Combine(partial, StoreFolderName)),
            };
            manifest.Save(partial);

            bool? verified = null;
            if (options.Verify)
            {
                progress?.Report(new BackupProgress("Verifying", 60));
                string? error = VerifyStore(Path.Combine(partial, StoreFolderName), manifest, options.Cancellation);
                if (error is not null)
                    throw new TripleStoreException(ErrorCodes.Backup, ErrorKind.Backup, $"The new backup did not verify ({error}); it was discarded.");
                verified = true;
            }

            string final = Path.Combine(target, FolderName(series, createdUtc));
            if (Directory.Exists(final)) final += "-" + Guid.NewGuid().ToString("n")[..6];
            Directory.Move(partial, final);
            progress?.Report(new BackupProgress("Done", 100));
            return new BackupInfo(final, manifest, verified, null);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    private static string FolderName(string series, DateTime createdUtc) =>
        $"{series}-{createdUtc.ToString(TimeFormat, CultureInfo.InvariantCulture)}";

    /// <summary>Opens a backup's store read-only and checks it against the manifest; null when it matches.</summary>
    internal static string? VerifyStore(string storeFolder, BackupManifest manifest, CancellationToken cancellation = default)
    {
        try
        {
            var actual = StoreDigest.ComputeForPath(storeFolder, cancellation);
            return manifest.ToDigest().Matches(actual, out var difference) ? null : difference;
        }
        catch (TripleStoreException e) when (e.ErrorCode != ErrorCodes.Canceled)
        {
            return e.Message;
        }
        catch (RocksDbException e)
        {
            return e.Message;
        }
    }

    /// <summary>Reads one backup folder; with <paramref name="verify"/>, opens and checks it.</summary>
    public static BackupInfo Read(string backupPath, bool verify = true, CancellationToken cancellation = default)
    {
        string full = Path.GetFullPath(backupPath);
        if (!Directory.Exists(full))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"No backup exists at {full}.");
        var manifest = BackupManifest.Load(full);
        if (!verify) return new BackupInfo(full, manifest, null, null);
        string store = Path.Combine(full, StoreFolderName);
        string? error = Directory.Exists(store) ? VerifyStore(store, manifest, cancellation) : $"it has no {StoreFolderName} folder";
        return new BackupInfo(full, manifest, error is null, error);
    }

    /// <summary>The backups directly under <paramref name="folder"/> (or the folder itself if it is one), oldest first.</summary>
    public static IReadOnlyList<BackupInfo> List(string folder, bool verify = true, CancellationToken cancellation = default)
    {
        string full = Path.GetFullPath(folder);
        if (File.Exists(Path.Combine(full, BackupManifest.FileName))) return [Read(full, verify, cancellation)];
        if (!Directory.Exists(full))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"The folder {full} does not exist.");
        var backups = new List<BackupInfo>();
        foreach (var dir in Directory.EnumerateDirectories(full))
        {
            if (Path.GetFileName(dir).StartsWith('.') || !File.Exists(Path.Combine(dir, BackupManifest.FileName))) continue;
            try
            {
                backups.Add(Read(dir, verify, cancellation));
            }
            catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.Backup)
            {
                backups.Add(new BackupInfo(dir, new BackupManifest(), false, e.Message));
            }
        }
        return backups.OrderBy(b => b.CreatedUtc).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes the oldest backups of <paramref name="series"/> in <paramref name="folder"/> beyond <paramref name="keep"/>.</summary>
    public static IReadOnlyList<string> Rotate(string folder, string series, int keep)
    {
        var ofSeries = List(folder, verify: false).Where(b => b.Series == series).ToList();
        var deleted = new List<string>();
        foreach (var old in ofSeries.Take(Math.Max(0, ofSeries.Count - keep)))
        {
            Directory.Delete(old.Path, recursive: true);
            deleted.Add(old.Path);
        }
        return deleted;
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
