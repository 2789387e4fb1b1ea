namespace TripleStore.Reasoning;

/// <summary>What a materialization did.</summary>
public sealed record MaterializeResult
{
    public required ReasoningProfile Profile { get; init; }

    /// <summary>True when only the changes since the last run were processed.</summary>
    public required bool Incremental { get; init; }

    /// <summary>Derived triples written to the store by this run.</summary>
    public required long Derived { get; init; }

    /// <summary>Derived triples removed from the store by this run (no longer entailed, or now asserted).</summary>
    public required long Removed { get; init; }

    /// <summary>Derived triples held in the store after the run.</summary>
    public required long TotalDerived { get; init; }

    public required int Iterations { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyList<Inconsistency> Inconsistencies { get; init; }

    public bool IsConsistent => Inconsistencies.Count == 0;
}
