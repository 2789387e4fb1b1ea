namespace TripleStore.Operations;

/// <summary>
/// Backs a store up every <see cref="Interval"/> in a long-lived process (the host, a service), keeping
/// <see cref="BackupOptions.Keep"/> backups of the series. Each outcome goes to <see cref="BackupHistory"/>
/// (and so to health checks); a failure is kept, not thrown, and the next run tries again.
/// </summary>
public sealed class BackupSchedule : IDisposable
{
    private readonly RdfStore _store;
    private readonly string _destination;
    private readonly BackupOptions _options;
    private readonly Timer _timer;
    private int _running;

    public BackupSchedule(RdfStore store, string destination, TimeSpan interval, BackupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (interval <= TimeSpan.Zero)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, "The backup interval must be positive.");
        _store = store;
        _destination = destination;
        _options = options ?? new BackupOptions();
        Interval = interval;
        _timer = new Timer(_ => RunOnce(), null, interval, interval);
    }

    public TimeSpan Interval { get; }

    /// <summary>The last backup this schedule made, if any.</summary>
    public BackupInfo? LastBackup { get; private set; }

    /// <summary>The error of the last failed run, cleared by a successful one.</summary>
    public TripleStoreException? LastError { get; private set; }

    /// <summary>Raised after each run, with the backup or the error.</summary>
    public event Action<BackupInfo?, TripleStoreException?>? Completed;

    /// <summary>Runs a backup now unless one of this schedule is already running; false when skipped.</summary>
    public bool RunOnce()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return false;
        try
        {
            if (_store.IsClosed) return false;
            LastBackup = StoreBackup.Create(_store, _destination, _options);
            LastError = null;
        }
        catch (TripleStoreException e)
        {
            LastError = e; // recorded in BackupHistory by StoreBackup; the schedule keeps going
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
        Completed?.Invoke(LastError is null ? LastBackup : null, LastError);
        return true;
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        // Wait for a running backup, so the store can be closed right after.
        if (_timer.Dispose(done)) done.WaitOne();
    }
}
