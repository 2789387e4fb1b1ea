namespace TripleStore;

/// <summary>What one import did.</summary>
public sealed record ImportSummary(
    int Files,
    long TriplesRead,
    long TriplesAdded,
    long Duplicates,
    long ErrorsSkipped,
    TimeSpan Elapsed)
{
    /// <summary>Statements read per second.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? TriplesRead / Elapsed.TotalSeconds : 0;

    /// <summary>For an import to a remote store: each chunk sent, in order, and whether it landed; empty otherwise.</summary>
    public IReadOnlyList<Remote.RemoteImportChunk> Chunks { get; init; } = [];
}
