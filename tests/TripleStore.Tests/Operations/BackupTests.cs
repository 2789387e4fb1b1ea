using Xunit;
using TripleStore.Rdf;
using TripleStore.Dataset;
using TripleStore.Operations;
using TripleStore.Tests.Storage;
using static TripleStore.Tests.Operations.OperationsTestData;

namespace TripleStore.Tests.Operations;

public class BackupTests
{
    [Fact]
    public void BackupOfAStoreBeingWrittenRestoresExactlyTheCheckpointMoment()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 2000));
        using var stop = new CancellationTokenSource();
        int written = 2000;
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                store.AddRange(Range(written, 50));
                Interlocked.Add(ref written, 50);
            }
        });
        while (Volatile.Read(ref written) < 3000) Thread.Sleep(1);

        HashSet<string>? atCheckpoint = null;
        var backup = StoreBackup.Create(store, temp.Combine("backups"), new BackupOptions
        {
            CheckpointTaken = snapshot => atCheckpoint = snapshot.Match(null, null, null, GraphSelector.All).Select(q => q.ToString()).ToHashSet(),
        });
        while (Volatile.Read(ref written) < backup.QuadCount + 500) Thread.Sleep(1); // writes went on after the checkpoint
        stop.Cancel();
        writer.Wait();

        Assert.True(backup.Verified);
        Assert.NotNull(atCheckpoint);
        Assert.Equal(atCheckpoint!.Count, backup.QuadCount);
        Assert.True(store.Count() > backup.QuadCount);

        var restored = StoreRestore.Restore(backup.Path, temp.Combine("restored"));
        Assert.True(restored.Verified);
        using var copy = RdfStore.Open(restored.Path);
        Assert.Equal(atCheckpoint, AllQuads(copy));
    }

    [Fact]
    public void ManifestRecordsCountsChecksumAndVersions()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 30));
        var backup = StoreBackup.Create(store, temp.Combine("backups"));
        var manifest = BackupManifest.Load(backup.Path);
        Assert.Equal(30, manifest.QuadCount);
        Assert.Equal(20, manifest.GraphCounts[StoreDigest.DefaultGraphName]);
        Assert.Equal(3, manifest.GraphCounts.Count);
        Assert.Equal(16, manifest.Checksum.Length);
        Assert.Equal(store.Path, manifest.SourcePath);
        Assert.Equal("store", manifest.Series);
        Assert.True(manifest.SizeBytes > 0);
        Assert.False(string.IsNullOrEmpty(manifest.EngineVersion));
        Assert.True(DateTime.UtcNow - manifest.CreatedUtc < TimeSpan.FromMinutes(5));
        Assert.Equal(DateTimeKind.Utc, manifest.CreatedUtc.Kind);
        Assert.Empty(Directory.GetDirectories(temp.Combine("backups"), ".partial-*"));
    }

    [Fact]
    public void ChecksumDoesNotDependOnWriteOrder()
    {
        using var temp = new TempFolder();
        using var a = RdfStore.Open(temp.Combine("a"));
        using var b = RdfStore.Open(temp.Combine("b"));
        a.AddRange(Range(0, 100));
        b.AddRange(Range(0, 100).Reverse());
        using var sa = a.OpenSnapshot();
        using var sb = b.OpenSnapshot();
        Assert.True(StoreDigest.Compute(sa).Matches(StoreDigest.Compute(sb), out _));
        b.Remove(Numbered(7));
        using var sb2 = b.OpenSnapshot();
        Assert.False(StoreDigest.Compute(sa).Matches(StoreDigest.Compute(sb2), out var difference));
        Assert.Contains("quad count", difference);
    }

    [Fact]
    public void KeepRotatesTheOldestBackupsOfTheSeriesOnly()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        string backups = temp.Combine("backups");
        var other = StoreBackup.Create(store, backups, new BackupOptions { Series = "other" });
        var made = new List<BackupInfo>();
        for (int i = 0; i < 4; i++)
        {
            store.Add(Numbered(i));
            made.Add(StoreBackup.Create(store, backups, new BackupOptions { Keep = 2, Verify = false }));
        }
        var left = StoreBackup.List(backups);
        Assert.Equal(new[] { other.Path, made[2].Path, made[3].Path }.Order(), left.Select(b => b.Path).Order());
        Assert.All(left, b => Assert.True(b.Verified));
    }

    [Fact]
    public void DestinationInsideTheStoreIsRefused()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        var e = Assert.Throws<TripleStoreException>(() => StoreBackup.Create(store, Path.Combine(store.Path, "backups")));
        Assert.Equal(ErrorCodes.Backup, e.ErrorCode);
        Assert.Contains("inside the store", e.Message);
        Assert.Contains("inside the store", BackupHistory.For(store.Path)!.LastError);
    }

    [Theory]
    [InlineData("disk")]
    [InlineData("permission")]
    public void DiskFullAndPermissionFailuresBecomeBackupErrorsThatSaySo(string failure)
    {
        Exception cause = failure switch
        {
            "disk" => new IOException("write failed", 28),
            _ => new UnauthorizedAccessException("Access to the path '/b' is denied."),
        };
        var e = OperationFailure.Wrap(cause, ErrorCodes.Backup, ErrorKind.Backup, "The backup of /s to /b failed");
        Assert.Equal(ErrorCodes.Backup, e.ErrorCode);
        Assert.Equal(ErrorKind.Backup, e.Kind);
        Assert.Contains(failure == "permission" ? "no permission" : "the disk is full", e.Message);
        Assert.Same(cause, e.InnerException);
    }

    [Fact]
    public void TamperedBackupDoesNotVerifyAndIsNotRestored()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 10));
        var backup = StoreBackup.Create(store, temp.Combine("backups"));
        var manifest = BackupManifest.Load(backup.Path) with { QuadCount = 11 };
        manifest.Save(backup.Path);
        var read = StoreBackup.Read(backup.Path);
        Assert.False(read.Verified);
        Assert.Contains("quad count", read.VerificationError);
        var e = Assert.Throws<TripleStoreException>(() => StoreRestore.Restore(backup.Path, temp.Combine("restored")));
        Assert.Equal(ErrorCodes.Restore, e.ErrorCode);
        Assert.False(Directory.Exists(temp.Combine("restored")));
    }

    [Fact]
    public void RestoreRefusesAnExistingStoreUnlessForcedAndNeverAnOpenOne()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("store");
        BackupInfo backup;
        using (var store = RdfStore.Open(path))
        {
            store.AddRange(Range(0, 10));
            backup = StoreBackup.Create(store, temp.Combine("backups"));
            store.AddRange(Range(10, 10));

            var open = Assert.Throws<TripleStoreException>(() => StoreRestore.Restore(backup.Path, path, force: true));
            Assert.Equal(ErrorCodes.StoreLocked, open.ErrorCode);
            Assert.Equal(20, store.Count());
        }
        var refused = Assert.Throws<TripleStoreException>(() => StoreRestore.Restore(backup.Path, path));
        Assert.Equal(ErrorCodes.Restore, refused.ErrorCode);
        Assert.Contains("Force", refused.Message);

        var restored = StoreRestore.Restore(backup.Path, path, force: true);
        Assert.True(restored.Verified);
        using var reopened = RdfStore.Open(path);
        Assert.Equal(10, reopened.Count());
    }

    [Fact]
    public void RestoreRefusesAStoreLockedByAnotherProcess()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("store");
        BackupInfo backup;
        using (var store = RdfStore.Open(path))
            backup = StoreBackup.Create(store, temp.Combine("backups"));
        using var child = ChildProcess.Start("hold-store", path);
        child.WaitFor("ready", TimeSpan.FromSeconds(60));
        var e = Assert.Throws<TripleStoreException>(() => StoreRestore.Restore(backup.Path, path, force: true));
        Assert.Equal(ErrorCodes.StoreLocked, e.ErrorCode);
        Assert.Contains($"process {child.Id}", e.Message);
        child.Finish(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ScheduleBacksUpAndRecordsTheOutcome()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 5));
        using var done = new ManualResetEventSlim();
        using (var schedule = new BackupSchedule(store, temp.Combine("backups"), TimeSpan.FromMilliseconds(200), new BackupOptions { Keep = 1 }))
        {
            schedule.Completed += (backup, _) => { if (backup is not null) done.Set(); };
            Assert.True(done.Wait(TimeSpan.FromSeconds(60)));
            Assert.Equal(5, schedule.LastBackup!.QuadCount);
        }
        Assert.NotNull(BackupHistory.For(store.Path)!.LastSuccessUtc);
        Assert.Single(StoreBackup.List(temp.Combine("backups"), verify: false));
    }
}
