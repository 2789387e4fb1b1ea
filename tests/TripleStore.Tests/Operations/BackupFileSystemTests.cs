using System.Diagnostics;
using TripleStore.Operations;
using TripleStore.Rdf;
using TripleStore.Tests.Storage;
using Xunit;
using Xunit.Abstractions;

namespace TripleStore.Tests.Operations;

/// <summary>
/// Backups against real file systems: a destination that fills up (a small tmpfs), one that refuses
/// writes (a read-only mount; file modes mean nothing to root, a read-only mount does), and a backup
/// taken by another process, whose age health must still see after that process has gone.
/// </summary>
public sealed class BackupFileSystemTests(ITestOutputHelper output)
{
    [Fact]
    public void A_backup_taken_by_another_process_counts_for_health_after_it_exits()
    {
        using var temp = new TempFolder();
        var storePath = temp.Combine("store");
        var backups = temp.Combine("backups");
        using (var child = ChildProcess.Start("backup-once", storePath, backups))
        {
            child.WaitFor("backed-up", TimeSpan.FromSeconds(120));
            Assert.Equal(0, child.Finish(TimeSpan.FromSeconds(60)));
        }

        using var store = RdfStore.Open(storePath);
        var outcome = BackupHistory.For(store.Path);
        Assert.NotNull(outcome?.LastSuccessUtc);
        Assert.Equal(Assert.Single(StoreBackup.List(backups, verify: false)).Path, outcome!.LastBackupPath);
        var check = StoreHealth.Check(store, new HealthThresholds { MaxBackupAge = TimeSpan.FromHours(1) }).Checks.Single(c => c.Name == "LastBackup");
        Assert.Equal(HealthStatus.Healthy, check.Status);
    }

    [Fact]
    public void A_full_destination_fails_with_disk_full_leaves_no_backup_and_health_says_so()
    {
        using var temp = new TempFolder();
        var mount = temp.Combine("small");
        if (!Mount(mount, "size=256k")) return;
        try
        {
            using var store = RdfStore.Open(temp.Combine("store"));
            // Random strings compress badly, so the checkpoint is far larger than the 256 KB file system.
            var p = new Iri("http://example.org/p");
            store.AddRange(Enumerable.Range(0, 20_000).Select(i => new Quad(new Iri($"http://example.org/s{i}"), p,
                Literal.Simple(Guid.NewGuid().ToString("n") + Guid.NewGuid().ToString("n")))));
            var destination = Path.Combine(mount, "backups");

            var error = Assert.Throws<TripleStoreException>(() => StoreBackup.Create(store, destination));

            output.WriteLine(error.Message);
            Assert.Equal(ErrorCodes.Backup, error.ErrorCode);
            Assert.Contains("the disk is full", error.Message);
            Assert.Empty(StoreBackup.List(destination, verify: false));
            Assert.Empty(Directory.GetFileSystemEntries(destination));
            var check = StoreHealth.Check(store, new HealthThresholds { MaxBackupAge = TimeSpan.FromHours(1) }).Checks.Single(c => c.Name == "LastBackup");
            Assert.Equal(HealthStatus.Degraded, check.Status);
            Assert.Contains("the disk is full", check.Detail);
        }
        finally
        {
            Unmount(mount);
        }
    }

    [Fact]
    public void A_read_only_destination_fails_with_no_permission()
    {
        using var temp = new TempFolder();
        var mount = temp.Combine("readonly");
        if (!Mount(mount, "size=1m,ro")) return;
        try
        {
            using var store = RdfStore.Open(temp.Combine("store"));
            store.Add(new Quad(new Iri("http://example.org/s"), new Iri("http://example.org/p"), Literal.Simple("x")));

            var error = Assert.Throws<TripleStoreException>(() => StoreBackup.Create(store, Path.Combine(mount, "backups")));

            output.WriteLine(error.Message);
            Assert.Equal(ErrorCodes.Backup, error.ErrorCode);
            Assert.Contains("no permission", error.Message);
            Assert.Contains("no permission", BackupHistory.For(store.Path)!.LastError);
        }
        finally
        {
            Unmount(mount);
        }
    }

    /// <summary>
    /// Mounts a tmpfs. Only root may, and only on Linux: elsewhere the test says why it proved nothing
    /// (the mapping of the same errors is covered by BackupTests without a file system).
    /// </summary>
    private bool Mount(string folder, string options)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            output.WriteLine("Not run: mounting a tmpfs needs root on Linux.");
            return false;
        }
        var (code, text) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder);
        Assert.True(code == 0, $"mount failed ({code}): {text}");
        return true;
    }

    private static void Unmount(string folder) => Run("umount", folder);

    private static (int, string) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var text = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text);
    }
}
