namespace TripleStore;

/// <summary>The stages of a bulk import.</summary>
public enum ImportPhase
{
    /// <summary>Parsing input and sorting it into runs.</summary>
    Reading,
    /// <summary>Merging runs, dropping duplicates and writing index files.</summary>
    Indexing,
    /// <summary>Handing the finished files to the store in one atomic step.</summary>
    Committing,
    /// <summary>Done; the data is visible.</summary>
    Completed,
}
