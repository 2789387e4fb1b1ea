namespace TripleStore.Reasoning;

/// <summary>
/// The state of a store's materialization, persisted in its meta data. <see cref="IsStale"/> is true when
/// the asserted data changed since the last run, or a run was interrupted.
/// </summary>
public sealed record ReasoningStatus
{
    public static readonly ReasoningStatus None = new();

    /// <summary>True once a materialization has been stored (and not dropped).</summary>
    public bool IsMaterialized { get; init; }
    public ReasoningProfile Profile { get; init; }
    public IReadOnlyList<string> Rules { get; init; } = [];
    public bool IsStale { get; init; }
    public long DerivedCount { get; init; }
    public DateTimeOffset? LastRun { get; init; }
    public TimeSpan LastDuration { get; init; }
    public int InconsistencyCount { get; init; }
}
