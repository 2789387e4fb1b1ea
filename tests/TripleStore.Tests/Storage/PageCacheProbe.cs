using System.Runtime.InteropServices;

namespace TripleStore.Tests.Storage;

/// <summary>
/// What of a file the Linux page cache holds (mmap + mincore), and a way to drop it (fadvise DONTNEED), so
/// tests can see whether a file would be read from memory or from disk.
/// </summary>
internal static class PageCacheProbe
{
    private const int ProtRead = 1;
    private const int MapShared = 1;
    private const int FadviseDontNeed = 4;

    /// <summary>The fraction (0–1) of the file's pages in the page cache.</summary>
    public static double ResidentFraction(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = RandomAccess.GetLength(handle);
        if (length == 0) return 1;
        int fd = (int)handle.DangerousGetHandle();
        IntPtr map = mmap(IntPtr.Zero, (UIntPtr)length, ProtRead, MapShared, fd, 0);
        if (map == new IntPtr(-1)) throw new IOException($"mmap of {path} failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            long pages = (length + Environment.SystemPageSize - 1) / Environment.SystemPageSize;
            var vector = new byte[pages];
            if (mincore(map, (UIntPtr)length, vector) != 0) throw new IOException($"mincore of {path} failed: errno {Marshal.GetLastPInvokeError()}");
            return vector.Count(b => (b & 1) != 0) / (double)pages;
        }
        finally
        {
            munmap(map, (UIntPtr)length);
        }
    }

    /// <summary>The fraction of all the bytes of <paramref name="paths"/> in the page cache.</summary>
    public static double ResidentFraction(IEnumerable<string> paths)
    {
        double resident = 0, total = 0;
        foreach (var path in paths)
        {
            long length = new FileInfo(path).Length;
            resident += ResidentFraction(path) * length;
            total += length;
        }
        return total == 0 ? 1 : resident / total;
    }

    /// <summary>Writes the file's dirty pages and drops all of them from the page cache.</summary>
    public static void Drop(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)) stream.Flush(flushToDisk: true);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        posix_fadvise((int)handle.DangerousGetHandle(), 0, 0, FadviseDontNeed);
    }

    /// <summary>Polls until the files are at least <paramref name="fraction"/> cached or <paramref name="timeout"/> passes; returns the last fraction.</summary>
    public static double WaitUntilResident(IReadOnlyCollection<string> paths, double fraction, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            double now = ResidentFraction(paths);
            if (now >= fraction || clock.Elapsed > timeout) return now;
            Thread.Sleep(20);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr mmap(IntPtr address, UIntPtr length, int protection, int flags, int fd, long offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(IntPtr address, UIntPtr length);

    [DllImport("libc", SetLastError = true)]
    private static extern int mincore(IntPtr address, UIntPtr length, byte[] vector);

    [DllImport("libc")]
    private static extern int posix_fadvise(int fd, long offset, long length, int advice);
}
