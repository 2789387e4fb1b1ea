namespace TripleStore;

/// <summary>Where an import is: reported through <see cref="IProgress{T}"/> about twice a second.</summary>
public sealed record ImportProgress(
    ImportPhase Phase,
    int FileIndex,
    int FileCount,
    string? CurrentFile,
    long TriplesRead,
    TimeSpan Elapsed);
