namespace TripleStore.Sparql.Update;

/// <summary>What an update request did: quads that became present, quads that were removed, and how long it took.</summary>
public sealed record UpdateResult(long QuadsInserted, long QuadsDeleted, int Operations, TimeSpan Duration);
