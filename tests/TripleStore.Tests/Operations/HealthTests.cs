using Xunit;
using TripleStore.Rdf;
using TripleStore.Dataset;
using TripleStore.Operations;
using TripleStore.Storage;
using TripleStore.Tests.Storage;
using static TripleStore.Tests.Operations.OperationsTestData;

namespace TripleStore.Tests.Operations;

public class HealthTests
{
    private static HealthCheck CheckNamed(HealthReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    [Fact]
    public void AFreshStoreIsHealthyOnEveryCheck()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 50));
        var report = StoreHealth.Check(store, new HealthThresholds { MinFreeDiskBytes = 1, CriticalFreeDiskBytes = 0 });
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(14, report.Checks.Count);
        Assert.Equal("50", CheckNamed(report, "QuadCount").Value);
        Assert.Equal("none", CheckNamed(report, "ReasoningStaleness").Value);
    }

    [Theory]
    [InlineData("FreeDisk", HealthStatus.Degraded)]
    [InlineData("FreeDiskCritical", HealthStatus.Unhealthy)]
    [InlineData("Memtables", HealthStatus.Degraded)]
    [InlineData("EstimatedMemory", HealthStatus.Degraded)]
    [InlineData("QuadCount", HealthStatus.Degraded)]
    [InlineData("Wal", HealthStatus.Degraded)]
    [InlineData("BlockCache", HealthStatus.Degraded)]
    [InlineData("LastBackup", HealthStatus.Degraded)]
    [InlineData("PendingCompaction", HealthStatus.Degraded)]
    public void EachCheckTurnsWhenItsThresholdIsCrossed(string condition, HealthStatus expected)
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 50));
        using (var s = store.OpenSnapshot()) s.Match(null, null, null, GraphSelector.All).Count(); // fill the cache
        var ok = new HealthThresholds { MinFreeDiskBytes = 1, CriticalFreeDiskBytes = 0 };
        if (condition == "PendingCompaction")
        {
            // Pending compaction is 0 on a small store, so a threshold below zero is the only way to cross it.
            ok = ok with { MaxPendingCompactionBytes = -1 };
        }
        var thresholds = condition switch
        {
            "FreeDisk" => ok with { MinFreeDiskBytes = long.MaxValue },
            "FreeDiskCritical" => ok with { CriticalFreeDiskBytes = long.MaxValue },
            "Memtables" => ok with { MaxMemtableBytes = 0 },
            "EstimatedMemory" => ok with { MaxEstimatedMemoryBytes = 0 },
            "QuadCount" => ok with { MaxQuadCount = 10 },
            "Wal" => ok with { MaxWalBytes = 0 },
            "BlockCache" => ok with { MaxBlockCacheUsageRatio = -1 },
            "LastBackup" => ok with { MaxBackupAge = TimeSpan.FromHours(1) },
            _ => ok,
        };
        var report = StoreHealth.Check(store, thresholds);
        string name = condition == "FreeDiskCritical" ? "FreeDisk" : condition;
        Assert.Equal(expected, CheckNamed(report, name).Status);
        Assert.Equal(expected, report.Status);
        Assert.Contains(report.Reasons, r => r.StartsWith(name + ":"));
    }

    [Fact]
    public void BackupAgeIsHealthyRightAfterABackupAndDegradedWhenTooOld()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        StoreBackup.Create(store, temp.Combine("backups"), new BackupOptions { Verify = false });
        var fresh = StoreHealth.Check(store, new HealthThresholds { MaxBackupAge = TimeSpan.FromHours(1) });
        Assert.Equal(HealthStatus.Healthy, CheckNamed(fresh, "LastBackup").Status);
        Thread.Sleep(20);
        var stale = StoreHealth.Check(store, new HealthThresholds { MaxBackupAge = TimeSpan.FromMilliseconds(1) });
        Assert.Equal(HealthStatus.Degraded, CheckNamed(stale, "LastBackup").Status);
    }

    [Fact]
    public void ReasoningStalenessIsPluggable()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        var before = StoreHealth.ReasoningStaleness;
        try
        {
            StoreHealth.ReasoningStaleness = s => ReferenceEquals(s, store) ? TimeSpan.FromHours(2) : null;
            Assert.Equal(HealthStatus.Degraded, CheckNamed(StoreHealth.Check(store), "ReasoningStaleness").Status);
        }
        finally
        {
            StoreHealth.ReasoningStaleness = before;
        }
    }

    [Fact]
    public void ReadOnlyStoreIsDegradedAndClosedStoreUnhealthy()
    {
        using var temp = new TempFolder();
        string path = temp.Combine("store");
        using (RdfStore.Open(path)) { }
        using (var readOnly = RdfStore.Open(path, new StoreOptions { ReadOnly = true }))
            Assert.Equal(HealthStatus.Degraded, CheckNamed(StoreHealth.Check(readOnly), "Writable").Status);
        var closed = RdfStore.Open(path);
        closed.Dispose();
        var report = StoreHealth.Check(closed);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, StoreHealth.CheckLiveness(closed).Status);
    }

    [Fact]
    public void InjectedIndexDamageMakesTheSpotCheckUnhealthy()
    {
        using var temp = new TempFolder();
        using var store = RdfStore.Open(temp.Combine("store"));
        store.AddRange(Range(0, 20));
        DeleteFromIndex(store, QuadIndex.DefaultPos, Numbered(1));
        var report = StoreHealth.Check(store, new HealthThresholds { MinFreeDiskBytes = 1, CriticalFreeDiskBytes = 0 });
        Assert.Equal(HealthStatus.Unhealthy, CheckNamed(report, "Integrity").Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public void PathCheckReportsMissingAndLockedStoresWithoutThrowing()
    {
        using var temp = new TempFolder();
        var missing = StoreHealth.Check(temp.Combine("nothing"));
        Assert.Equal(HealthStatus.Unhealthy, missing.Status);
        Assert.Equal(ErrorCodes.FileNotFound, missing.Checks[0].Value);

        string path = temp.Combine("store");
        using (RdfStore.Open(path)) { }
        using var child = ChildProcess.Start("hold-store", path);
        child.WaitFor("ready", TimeSpan.FromSeconds(60));
        var locked = StoreHealth.Check(path);
        Assert.Equal(HealthStatus.Unhealthy, locked.Status);
        Assert.Equal(ErrorCodes.StoreLocked, locked.Checks[0].Value);
        Assert.Contains($"process {child.Id}", locked.Checks[0].Detail);
        child.Finish(TimeSpan.FromSeconds(30));

        File.WriteAllText(Path.Combine(path, "CURRENT"), "garbage\n");
        var corrupt = StoreHealth.Check(path);
        Assert.Equal(HealthStatus.Unhealthy, corrupt.Status);
    }

    internal static void DeleteFromIndex(RdfStore store, QuadIndex index, Quad quad)
    {
        using var snapshot = store.OpenSnapshot();
        var ids = new QuadIds(snapshot.Encode(quad.Subject), snapshot.Encode(quad.Predicate), snapshot.Encode(quad.Object),
            quad.Graph is null ? TermId.DefaultGraph : snapshot.Encode(quad.Graph));
        var key = new byte[index.KeyLength];
        index.WriteKey(ids, key);
        Assert.NotNull(store.Database.Db.Get(key, store.Database.Data));
        store.Database.Db.Remove(key, store.Database.Data);
    }
}
