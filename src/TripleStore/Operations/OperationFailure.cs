using RocksDbSharp;

namespace TripleStore.Operations;

/// <summary>Turns file-system and storage-engine failures into Backup/Restore errors that say what went wrong.</summary>
internal static class OperationFailure
{
    private const int DiskFull = 28; // ENOSPC
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    public static TripleStoreException Wrap(Exception e, string code, ErrorKind kind, string what) => e switch
    {
        TripleStoreException tse => tse,
        UnauthorizedAccessException => new TripleStoreException(code, kind, $"{what}: no permission ({e.Message}).", e),
        IOException io when IsDiskFull(io) => new TripleStoreException(code, kind, $"{what}: the disk is full ({e.Message}).", e),
        IOException io when IsReadOnly(io) => new TripleStoreException(code, kind, $"{what}: no permission, the file system is read-only ({e.Message}).", e),
        RocksDbException when e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
            => new TripleStoreException(code, kind, $"{what}: the disk is full ({e.Message}).", e),
        RocksDbException when e.Message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)
            => new TripleStoreException(code, kind, $"{what}: no permission ({e.Message}).", e),
        RocksDbException when e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase)
            => new TripleStoreException(code, kind, $"{what}: no permission, the file system is read-only ({e.Message}).", e),
        OperationCanceledException => new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled, $"{what}: canceled.", e),
        _ => new TripleStoreException(code, kind, $"{what}: {e.Message}", e),
    };

    private static bool IsDiskFull(IOException e) =>
        (e.HResult & 0xFFFF) == DiskFull || e.HResult == WindowsDiskFull || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);

    private const int ReadOnlyFileSystem = 30; // EROFS

    private static bool IsReadOnly(IOException e) =>
        (e.HResult & 0xFFFF) == ReadOnlyFileSystem || e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase);

    public static bool IsInside(string path, string folder)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        string a = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        string b = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return a.StartsWith(b, comparison);
    }

    public static long FolderSize(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
