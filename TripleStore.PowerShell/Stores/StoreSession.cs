using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;

namespace TripleStore.PowerShell.Stores;

/// <summary>
/// The stores one PowerShell session (runspace) has open, and which of them is current: the one that
/// store cmdlets use when no -Store is given. Several may be open at once; the last opened is current.
/// A session's stores close when it removes the module or when its runspace closes.
/// </summary>
internal sealed class StoreSession
{
    private static readonly ConcurrentDictionary<Guid, StoreSession> Sessions = new();

    private readonly object _gate = new();
    private readonly List<RdfStore> _stores = new();
    private RdfStore? _current;
    private readonly Dictionary<RdfStore, StoreTransaction> _transactions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RdfStore, Operations.BackupSchedule> _schedules = new(ReferenceEqualityComparer.Instance);

    /// <summary>The session of the runspace the calling cmdlet runs in.</summary>
    public static StoreSession ForCurrentRunspace()
    {
        var runspace = Runspace.DefaultRunspace;
        var key = runspace?.InstanceId ?? Guid.Empty;
        return Sessions.GetOrAdd(key, _ =>
        {
            if (runspace is not null)
            {
                runspace.StateChanged += (_, e) =>
                {
                    if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken) CloseSession(key);
                };
            }
            return new StoreSession();
        });
    }

    /// <summary>Closes every store of the calling runspace's session (module removal).</summary>
    public static void CloseCurrentSession() => CloseSession(Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty);

    private static void CloseSession(Guid key)
    {
        if (Sessions.TryRemove(key, out var session)) session.CloseAll();
    }

    public RdfStore? Current
    {
        get { lock (_gate) return _current; }
    }

    public IReadOnlyList<RdfStore> Stores
    {
        get { lock (_gate) return _stores.ToArray(); }
    }

    /// <summary>
    /// Opens the store in <paramref name="path"/> and makes it current. A store this session already has
    /// open is returned as it is (and made current), since one process cannot open a store twice.
    /// </summary>
    public RdfStore Open(string path, bool readOnly, Configuration.StoreConfiguration? configuration = null)
    {
        lock (_gate)
        {
            var full = System.IO.Path.GetFullPath(path);
            var open = _stores.FirstOrDefault(s => SamePath(s.Path, full));
            if (open is not null)
            {
                if (open.IsReadOnly != readOnly)
                    throw new TripleStoreException(ErrorCodes.StoreLocked, ErrorKind.StoreLocked,
                        $"The store at {open.Path} is already open {(open.IsReadOnly ? "read-only" : "for writing")} in this session; close it with Close-TripleStore first.");
                _current = open;
                return open;
            }
            var store = RdfStore.Open(full, (configuration ?? Configuration.StoreConfiguration.Resolve()).ToStoreOptions(readOnly));
            _stores.Add(store);
            _current = store;
            return store;
        }
    }

    /// <summary>
    /// The transaction an Invoke-TripleStoreTransaction block has open on <paramref name="store"/>; the
    /// write cmdlets inside the block join it instead of writing on their own.
    /// </summary>
    public StoreTransaction? TransactionFor(RdfStore store)
    {
        lock (_gate) return _transactions.GetValueOrDefault(store);
    }

    public void Enlist(RdfStore store, StoreTransaction transaction)
    {
        lock (_gate) _transactions.Add(store, transaction);
    }

    public void Delist(RdfStore store)
    {
        lock (_gate) _transactions.Remove(store);
    }

    /// <summary>Runs <paramref name="schedule"/> while the store stays open here, replacing an earlier one.</summary>
    public void SetBackupSchedule(RdfStore store, Operations.BackupSchedule schedule)
    {
        Operations.BackupSchedule? old;
        lock (_gate)
        {
            _schedules.Remove(store, out old);
            _schedules[store] = schedule;
        }
        old?.Dispose();
    }

    public Operations.BackupSchedule? BackupScheduleFor(RdfStore store)
    {
        lock (_gate) return _schedules.GetValueOrDefault(store);
    }

    /// <summary>Closes a store; the most recently opened of the others becomes current.</summary>
    public void Close(RdfStore store)
    {
        Operations.BackupSchedule? schedule;
        lock (_gate)
        {
            if (_transactions.ContainsKey(store))
                throw new TripleStoreException(ErrorCodes.TransactionActive, ErrorKind.InvalidOperation,
                    $"The store at {store.Path} has a transaction open (Invoke-TripleStoreTransaction); close it after the block ends.");
            _stores.Remove(store);
            if (ReferenceEquals(_current, store)) _current = _stores.LastOrDefault();
            _schedules.Remove(store, out schedule);
        }
        Servers.ServerSession.StopServersOf(store);
        // A running scheduled backup finishes first, so the store closes cleanly.
        schedule?.Dispose();
        store.Dispose();
    }

    public void CloseAll()
    {
        RdfStore[] stores;
        Operations.BackupSchedule[] schedules;
        lock (_gate)
        {
            stores = _stores.ToArray();
            _stores.Clear();
            _current = null;
            schedules = _schedules.Values.ToArray();
            _schedules.Clear();
        }
        foreach (var schedule in schedules) schedule.Dispose();
        foreach (var store in stores)
        {
            Servers.ServerSession.StopServersOf(store);
            store.Dispose();
        }
    }

    public bool IsOpen(RdfStore store)
    {
        lock (_gate) return _stores.Contains(store);
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a.TrimEnd(System.IO.Path.DirectorySeparatorChar), b.TrimEnd(System.IO.Path.DirectorySeparatorChar),
            OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}
