using System.Globalization;

namespace TripleStore.Storage;

/// <summary>
/// Keeps other processes from opening a store read-write. An exclusive lock on <c>triplestore.lock</c>
/// is held while the store is open (RocksDB's own LOCK file protects too, but its error does not say who
/// holds it); <c>triplestore.pid</c> names the owner so the error can.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    public const string LockFileName = "triplestore.lock";
    public const string PidFileName = "triplestore.pid";

    private readonly FileStream _lock;
    private readonly string _pidPath;

    private StoreLock(FileStream lockStream, string pidPath)
    {
        _lock = lockStream;
        _pidPath = pidPath;
    }

    public static StoreLock Acquire(string directory)
    {
        string pidPath = Path.Combine(directory, PidFileName);
        FileStream stream;
        try
        {
            // FileShare.None makes .NET take an exclusive advisory lock (flock) on Unix and a share lock on Windows.
            stream = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw InUse(directory, e);
        }
        File.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new StoreLock(stream, pidPath);
    }

    /// <summary>The StoreLocked error, naming the owner process when the pid file says who it is.</summary>
    public static TripleStoreException InUse(string directory, Exception? inner = null)
    {
        string owner = "another process";
        try
        {
            string text = File.ReadAllText(Path.Combine(directory, PidFileName)).Trim();
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) owner = $"process {pid}";
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new TripleStoreException(ErrorCodes.StoreLocked, ErrorKind.StoreLocked,
            $"store at {directory} is in use by {owner}; close it there, or open this one with ReadOnly.", inner);
    }

    public void Dispose()
    {
        try { File.Delete(_pidPath); } catch (IOException) { }
        _lock.Dispose();
    }
}
