using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using TripleStore.Server;

namespace TripleStore.PowerShell.Servers;

/// <summary>
/// The servers each PowerShell session (runspace) started. They stop when the session closes or removes
/// the module, and when their store is closed, so no listener outlives what it serves.
/// </summary>
internal static class ServerSession
{
    private static readonly ConcurrentDictionary<Guid, List<TripleStoreServer>> Sessions = new();

    private static Guid CurrentKey() => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

    /// <summary>Starts a server and records it in the calling runspace's session.</summary>
    public static TripleStoreServer Start(RdfStore store, SparqlServerOptions options)
    {
        var server = new SparqlServer(store, options);
        server.Start();
        var info = new TripleStoreServer(server);
        var runspace = Runspace.DefaultRunspace;
        var key = CurrentKey();
        var list = Sessions.GetOrAdd(key, _ =>
        {
            if (runspace is not null)
            {
                runspace.StateChanged += (_, e) =>
                {
                    if (e.RunspaceStateInfo.State is RunspaceState.Closing or RunspaceState.Closed or RunspaceState.Broken) StopSession(key);
                };
            }
            return [];
        });
        lock (list) list.Add(info);
        return info;
    }

    /// <summary>The calling session's servers, oldest first.</summary>
    public static IReadOnlyList<TripleStoreServer> Current()
    {
        if (!Sessions.TryGetValue(CurrentKey(), out var list)) return [];
        lock (list) return list.ToArray();
    }

    /// <summary>Stops a server (from any session) and forgets it.</summary>
    public static void Stop(TripleStoreServer server)
    {
        server.Server.Stop();
        foreach (var list in Sessions.Values)
            lock (list) list.Remove(server);
    }

    /// <summary>Stops every server, in any session, that serves <paramref name="store"/> (it is about to close).</summary>
    public static void StopServersOf(RdfStore store)
    {
        foreach (var list in Sessions.Values)
        {
            TripleStoreServer[] serving;
            lock (list) serving = list.Where(s => ReferenceEquals(s.Store, store)).ToArray();
            foreach (var server in serving) Stop(server);
        }
    }

    /// <summary>Stops the calling session's servers (module removal).</summary>
    public static void StopCurrentSession() => StopSession(CurrentKey());

    private static void StopSession(Guid key)
    {
        if (!Sessions.TryRemove(key, out var list)) return;
        TripleStoreServer[] servers;
        lock (list) servers = list.ToArray();
        foreach (var server in servers) server.Server.Stop();
    }
}
