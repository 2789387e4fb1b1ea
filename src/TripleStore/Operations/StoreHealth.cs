using System.Globalization;
using RocksDbSharp;
using TripleStore.Storage;

namespace TripleStore.Operations;

/// <summary>
/// Health checks over an open store (or a store folder), from RocksDB properties, the file system and a
/// sampled integrity check. Never throws for a condition it can report: a failing probe becomes an
/// Unhealthy check with the reason.
/// </summary>
public static class StoreHealth
{
    /// <summary>
    /// How long ago the store's derived (reasoning) data was brought up to date; null when unknown.
    /// By default read from <see cref="RdfStore.ReasoningStatus"/>: null without a materialization, zero when
    /// it is up to date, else the time since the first write it has not seen (or since a run was interrupted).
    /// Replaceable (null reports "not configured").
    /// </summary>
    public static Func<RdfStore, TimeSpan?>? ReasoningStaleness { get; set; } = MaterializationStaleness;

    /// <summary>The default <see cref="ReasoningStaleness"/>: from the store's persisted reasoning status.</summary>
    public static TimeSpan? MaterializationStaleness(RdfStore store)
    {
        var status = store.ReasoningStatus;
        if (!status.IsMaterialized) return null;
        if (!status.IsStale) return TimeSpan.Zero;
        var since = status.StaleSince ?? status.LastRun ?? DateTimeOffset.UtcNow;
        var age = DateTimeOffset.UtcNow - since;
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }

    /// <summary>Liveness: is the store open and answering reads.</summary>
    public static HealthReport CheckLiveness(RdfStore store) => Report(store.Path, [Probe("Open", () => OpenCheck(store))]);

    /// <summary>Readiness: open, writable, with disk space, not stalled.</summary>
    public static HealthReport CheckReadiness(RdfStore store, HealthThresholds? thresholds = null)
    {
        var t = thresholds ?? new HealthThresholds();
        var open = Probe("Open", () => OpenCheck(store));
        if (open.Status == HealthStatus.Unhealthy) return Report(store.Path, [open]);
        return Report(store.Path, [open, Probe("Writable", () => WritableCheck(store)), Probe("FreeDisk", () => DiskCheck(store.Path, t)), Probe("WriteStalls", () => StallCheck(store.Database))]);
    }

    /// <summary>Every check.</summary>
    public static HealthReport Check(RdfStore store, HealthThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var t = thresholds ?? new HealthThresholds();
        var open = Probe("Open", () => OpenCheck(store));
        if (open.Status == HealthStatus.Unhealthy) return Report(store.Path, [open]);
        var db = store.Database;
        return Report(store.Path,
        [
            open,
            Probe("Writable", () => WritableCheck(store)),
            Probe("FreeDisk", () => DiskCheck(store.Path, t)),
            Probe("PendingCompaction", () => Limit("PendingCompaction", Property(db, "rocksdb.estimate-pending-compaction-bytes"), t.MaxPendingCompactionBytes, "bytes waiting for compaction")),
            Probe("WriteStalls", () => StallCheck(db)),
            Probe("Memtables", () => Limit("Memtables", Property(db, "rocksdb.cur-size-all-mem-tables"), t.MaxMemtableBytes, "bytes in memtables")),
            Probe("BlockCache", () => CacheCheck(db, t)),
            Probe("EstimatedMemory", () => Limit("EstimatedMemory", EstimatedMemory(db), t.MaxEstimatedMemoryBytes, "bytes of memtables, table readers and block cache")),
            Probe("QuadCount", () => Limit("QuadCount", store.Count(), t.MaxQuadCount, "quads")),
            Probe("IndexSizes", () => IndexSizes(db)),
            Probe("Wal", () => Limit("Wal", WalBytes(store.Path), t.MaxWalBytes, "bytes of write-ahead log")),
            Probe("LastBackup", () => BackupCheck(store.Path, t)),
            Probe("ReasoningStaleness", () => ReasoningCheck(store, t)),
            Probe("Integrity", () => IntegrityCheck(db, t)),
        ]);
    }

    /// <summary>
    /// Checks a store that this process does not have open: Unhealthy (with the reason) when it is missing,
    /// locked by another process, of another format or damaged; else the full check on a read-only open.
    /// </summary>
    public static HealthReport Check(string path, HealthThresholds? thresholds = null)
    {
        string full = Path.GetFullPath(path);
        RdfStore store;
        try
        {
            store = RdfStore.Open(full, new StoreOptions { CreateIfMissing = false });
        }
        catch (Exception e) when (e is TripleStoreException or RocksDbException or IOException or UnauthorizedAccessException)
        {
            var code = e is TripleStoreException tse ? tse.ErrorCode : ErrorCodes.IO;
            return Report(full, [new HealthCheck("Open", HealthStatus.Unhealthy, code, null, e.Message)]);
        }
        using (store) return Check(store, thresholds);
    }

    private static HealthReport Report(string path, HealthCheck[] checks) => new(path, DateTime.UtcNow, checks);

    private static HealthCheck Probe(string name, Func<HealthCheck> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is TripleStoreException or RocksDbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new HealthCheck(name, HealthStatus.Unhealthy, null, null, e.Message);
        }
    }

    private static HealthCheck OpenCheck(RdfStore store)
    {
        if (store.IsClosed) return new HealthCheck("Open", HealthStatus.Unhealthy, "closed", null, $"The store at {store.Path} has been closed.");
        using var snapshot = store.OpenSnapshot();
        snapshot.EstimateCount(null, null, null, Dataset.GraphSelector.Default);
        return new HealthCheck("Open", HealthStatus.Healthy, store.IsReadOnly ? "read-only" : "read-write", null, "The store is open and answers reads.");
    }

    private static readonly byte[] ProbeKey = "health-probe"u8.ToArray();

    private static HealthCheck WritableCheck(RdfStore store)
    {
        if (store.IsReadOnly) return new HealthCheck("Writable", HealthStatus.Degraded, "read-only", null, "The store was opened read-only.");
        var db = store.Database;
        // A real write to the meta family (outside the RDF data) proves the WAL and the disk accept writes.
        db.Db.Put(ProbeKey, BitConverter.GetBytes(DateTime.UtcNow.Ticks), db.Meta);
        return new HealthCheck("Writable", HealthStatus.Healthy, "yes", null, "A probe write succeeded.");
    }

    private static HealthCheck DiskCheck(string path, HealthThresholds t)
    {
        long free = new DriveInfo(Path.GetPathRoot(path) is { Length: > 0 } root && !OperatingSystem.IsLinux() ? root : path).AvailableFreeSpace;
        var status = free < t.CriticalFreeDiskBytes ? HealthStatus.Unhealthy : free < t.MinFreeDiskBytes ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthCheck("FreeDisk", status, Bytes(free), $"{Bytes(t.MinFreeDiskBytes)} (critical {Bytes(t.CriticalFreeDiskBytes)})",
            status == HealthStatus.Healthy ? "Enough free disk space." : $"Only {Bytes(free)} free on the store's volume; writes and compactions will fail when it runs out.");
    }

    private static HealthCheck StallCheck(StoreDatabase db)
    {
        long stopped = Property(db, "rocksdb.is-write-stopped");
        long delayed = Property(db, "rocksdb.actual-delayed-write-rate");
        if (stopped > 0) return new HealthCheck("WriteStalls", HealthStatus.Unhealthy, "stopped", "0", "RocksDB has stopped writes until compaction catches up.");
        if (delayed > 0) return new HealthCheck("WriteStalls", HealthStatus.Degraded, $"{delayed} B/s", "0", "RocksDB is slowing writes down to let compaction catch up.");
        return new HealthCheck("WriteStalls", HealthStatus.Healthy, "none", "0", "Writes are not stalled.");
    }

    private static HealthCheck CacheCheck(StoreDatabase db, HealthThresholds t)
    {
        long usage = Property(db, "rocksdb.block-cache-usage"), capacity = Property(db, "rocksdb.block-cache-capacity");
        double ratio = capacity > 0 ? (double)usage / capacity : 0;
        var status = ratio > t.MaxBlockCacheUsageRatio ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthCheck("BlockCache", status, $"{Bytes(usage)} of {Bytes(capacity)} ({ratio:P0})", t.MaxBlockCacheUsageRatio.ToString("P0", CultureInfo.InvariantCulture),
            status == HealthStatus.Healthy ? "Block cache usage is within its limit." : "The block cache is fuller than the threshold; consider a larger BlockCacheBytes.");
    }

    private static long EstimatedMemory(StoreDatabase db) =>
        Property(db, "rocksdb.cur-size-all-mem-tables") + Property(db, "rocksdb.estimate-table-readers-mem") + Property(db, "rocksdb.block-cache-usage");

    private static HealthCheck IndexSizes(StoreDatabase db)
    {
        using var snapshot = db.Db.CreateSnapshot();
        var scanner = new QuadScanner(db.Db, db.Data, snapshot);
        var sizes = QuadIndex.DefaultGraph.Concat(QuadIndex.NamedGraphs)
            .Select(index => $"{index}={Bytes(scanner.ApproximateSize([(byte)index.Section], [(byte)(index.Section + 1)]))}");
        long total = Property(db, "rocksdb.total-sst-files-size");
        return new HealthCheck("IndexSizes", HealthStatus.Healthy, Bytes(total), null, "On disk: " + string.Join(", ", sizes));
    }

    private static long WalBytes(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*.log").Sum(f => f.Length);

    private static HealthCheck BackupCheck(string path, HealthThresholds t)
    {
        var outcome = BackupHistory.For(path);
        if (t.MaxBackupAge is not { } maxAge)
            return new HealthCheck("LastBackup", HealthStatus.Healthy, outcome?.LastSuccessUtc?.ToString("o", CultureInfo.InvariantCulture), null, "Backups are not monitored (no MaxBackupAge).");
        if (outcome?.LastSuccessUtc is not { } last)
            return new HealthCheck("LastBackup", HealthStatus.Degraded, "never", maxAge.ToString(), outcome?.LastError is { } err ? $"No successful backup; the last attempt failed: {err}" : "No successful backup since this process started.");
        var age = DateTime.UtcNow - last;
        var status = age > maxAge ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthCheck("LastBackup", status, age.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture), maxAge.ToString(),
            status == HealthStatus.Healthy ? $"Last backup {last:o}." : $"The last successful backup ({last:o}) is older than allowed.");
    }

    private static HealthCheck ReasoningCheck(RdfStore store, HealthThresholds t)
    {
        if (ReasoningStaleness is not { } provider)
            return new HealthCheck("ReasoningStaleness", HealthStatus.Healthy, "not configured", null, "No reasoning status provider is registered.");
        var staleness = provider(store);
        if (staleness is null) return new HealthCheck("ReasoningStaleness", HealthStatus.Healthy, "none", t.MaxReasoningStaleness.ToString(), "No reasoning is set up for this store.");
        var status = staleness > t.MaxReasoningStaleness ? HealthStatus.Degraded : HealthStatus.Healthy;
        return new HealthCheck("ReasoningStaleness", status, staleness.Value.ToString(), t.MaxReasoningStaleness.ToString(),
            status == HealthStatus.Healthy ? "Derived data is up to date." : "Derived data lags behind the asserted data.");
    }

    private static HealthCheck IntegrityCheck(StoreDatabase db, HealthThresholds t)
    {
        if (t.IntegritySampleQuads <= 0) return new HealthCheck("Integrity", HealthStatus.Healthy, "off", "0", "The spot check is turned off.");
        var problems = IntegrityChecker.SpotCheck(db, t.IntegritySampleQuads);
        return problems.Count == 0
            ? new HealthCheck("Integrity", HealthStatus.Healthy, "0 problems", $"{t.IntegritySampleQuads} quads sampled", "The sampled quads are in every index and the dictionary.")
            : new HealthCheck("Integrity", HealthStatus.Unhealthy, $"{problems.Count} problems", $"{t.IntegritySampleQuads} quads sampled",
                $"{problems[0].Detail} Run Test-TripleStore for a full check.");
    }

    private static HealthCheck Limit(string name, long value, long limit, string unit) =>
        value > limit
            ? new HealthCheck(name, HealthStatus.Degraded, value.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture), $"{value} {unit}, above the threshold {limit}.")
            : new HealthCheck(name, HealthStatus.Healthy, value.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture), $"{value} {unit}.");

    private static long Property(StoreDatabase db, string name)
    {
        var text = db.Db.GetProperty(name, db.Data) ?? db.Db.GetProperty(name);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : 0;
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
