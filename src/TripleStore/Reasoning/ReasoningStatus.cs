namespace TripleStore.Reasoning;

/// <summary>
/// The state of a store's materialization, persisted in its meta data (it survives a reopen).
/// <see cref="IsStale"/> is true when the asserted data changed since the last run, or a run was
/// interrupted while writing.
/// </summary>
public sealed record ReasoningStatus
{
    public static readonly ReasoningStatus None = new();

    /// <summary>True once a materialization has been stored (and not dropped).</summary>
    public bool IsMaterialized { get; init; }
    public ReasoningProfile Profile { get; init; }
    public IReadOnlyList<string> Rules { get; init; } = [];
    public bool IsStale { get; init; }

    /// <summary>When the first write after the last run was committed (or the run was interrupted); null when up to date.</summary>
    public DateTimeOffset? StaleSince { get; init; }

    /// <summary>
    /// True when the next run must recompute in full: a bulk import too large to be worth an incremental run
    /// (see <c>docs/reasoning.md</c>, "Imports"), more changes than the log tracks, or a
    /// run interrupted while writing derived triples. Otherwise a stale materialization is brought up to
    /// date from the change log, also after the store is reopened.
    /// </summary>
    public bool FullRunRequired { get; init; }

    /// <summary>Default-graph triples written (added or removed) since the last run, as logged; not persisted as such.</summary>
    public long PendingChanges { get; init; }

    public long DerivedCount { get; init; }

    /// <summary>Default-graph triples asserted at the last run (0 when unknown: stores materialized before it was recorded).</summary>
    public long AssertedCount { get; init; }
    public DateTimeOffset? LastRun { get; init; }
    public TimeSpan LastDuration { get; init; }
    public int InconsistencyCount { get; init; }
}
