using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TripleStore.Storage;

/// <summary>
/// Reads freshly ingested SST files back into the operating system's page cache, in the background.
/// RocksDB's SstFileWriter tells Linux to drop every file it writes from the page cache (fadvise
/// DONTNEED, so that a bulk load does not push everything else out of memory); after a bulk import or a
/// materialization the store's newest data is therefore on disk only, and every query until the blocks
/// come back reads them one by one (BSBM 1M: Q3 17 ms against 3 ms on the same files cached). Here the
/// kernel is asked to read the files ahead (fadvise WILLNEED in 8 MB steps: one request is capped at the
/// device's readahead window), up to a budget bounded by half of the memory available, which costs a
/// fraction of a second of sequential I/O and almost no CPU. Other systems keep written pages cached, so
/// there is nothing to do.
/// </summary>
internal sealed class PageCacheWarmer
{
    /// <summary>One readahead request; the kernel caps a single one at its readahead window.</summary>
    private const long StepBytes = 8L << 20;

    private const int FadviseWillNeed = 3;

    private readonly List<(SafeFileHandle Handle, long Length)> _files = [];

    private PageCacheWarmer() { }

    /// <summary>Bytes of the files this warmer was given (within the budget).</summary>
    public long Bytes { get; private set; }

    /// <summary>How long the readahead requests took to submit (the reads themselves finish in the kernel).</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Whether this system needs (and supports) warming.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>
    /// Opens <paramref name="paths"/> (in order, while they fit in <paramref name="budgetBytes"/> and half of
    /// the available memory) before they are ingested: an ingestion moves a file to a new name, and the open
    /// handle still reaches its pages. Null when there is nothing to warm.
    /// </summary>
    public static PageCacheWarmer? Open(IEnumerable<string> paths, long budgetBytes)
    {
        if (!Supported || budgetBytes <= 0) return null;
        long budget = Math.Min(budgetBytes, AvailableMemoryBytes() / 2);
        var warmer = new PageCacheWarmer();
        try
        {
            foreach (var path in paths)
            {
                long length = new FileInfo(path).Length;
                if (warmer.Bytes + length > budget) continue;
                warmer._files.Add((File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), length));
                warmer.Bytes += length;
            }
        }
        catch (IOException)
        {
            // A file that cannot be opened is not warmed; the ingestion reports real problems itself.
        }
        if (warmer._files.Count > 0) return warmer;
        warmer.Close();
        return null;
    }

    /// <summary>Asks the kernel to read the files ahead on a background thread, then closes them. Stops early when canceled.</summary>
    public Task StartInBackground(CancellationToken cancellation) =>
        Task.Factory.StartNew(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try { ReadAhead(cancellation); }
            finally
            {
                Close();
                Elapsed = clock.Elapsed;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Closes the files without warming them (the ingestion failed).</summary>
    public void Close()
    {
        foreach (var (handle, _) in _files) handle.Dispose();
        _files.Clear();
    }

    private void ReadAhead(CancellationToken cancellation)
    {
        foreach (var (handle, length) in _files)
        {
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                int fd = (int)handle.DangerousGetHandle();
                for (long offset = 0; offset < length; offset += StepBytes)
                {
                    if (cancellation.IsCancellationRequested) return;
                    // Only a hint: an error (e.g. a file system without readahead) leaves the file cold, nothing worse.
                    if (posix_fadvise(fd, offset, Math.Min(StepBytes, length - offset), FadviseWillNeed) != 0) break;
                }
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }
    }

    /// <summary>MemAvailable from /proc/meminfo; the managed view of the machine's memory when it cannot be read.</summary>
    private static long AvailableMemoryBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb)) return kb * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);
}
