namespace TripleStore.Server;

/// <summary>Where a <see cref="SparqlServer"/> is in its life.</summary>
public enum ServerState
{
    Created,
    Running,
    Stopping,
    Stopped,
}
