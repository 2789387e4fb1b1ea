using TripleStore.Reasoning;

namespace TripleStore.PowerShell.Reasoning;

/// <summary>Profile names as the cmdlets take and show them: RDFS and OWL2RL.</summary>
internal static class ProfileNames
{
    public const string Rdfs = "RDFS";
    public const string Owl2Rl = "OWL2RL";

    public static ReasoningProfile Parse(string name) =>
        string.Equals(name, Rdfs, StringComparison.OrdinalIgnoreCase) ? ReasoningProfile.Rdfs : ReasoningProfile.Owl2Rl;

    public static string Name(ReasoningProfile profile) => profile == ReasoningProfile.Rdfs ? Rdfs : Owl2Rl;
}

/// <summary>One inconsistency a materialization found: the rule, its terms (N-Triples form) and what it means.</summary>
public sealed class TripleStoreInconsistency
{
    internal TripleStoreInconsistency(Inconsistency found)
    {
        Rule = found.Rule;
        Terms = found.Terms.Select(t => t.ToString()).ToArray();
        Message = found.Message;
    }

    public string Rule { get; }
    public string[] Terms { get; }
    public string Message { get; }

    public override string ToString() => $"{Rule}: {Message} ({string.Join(", ", Terms)})";
}

/// <summary>What Invoke-Materialize did.</summary>
public sealed class TripleStoreMaterializeResult
{
    internal TripleStoreMaterializeResult(string path, MaterializeResult result)
    {
        Path = path;
        Profile = ProfileNames.Name(result.Profile);
        Incremental = result.Incremental;
        Derived = result.Derived;
        Removed = result.Removed;
        TotalDerived = result.TotalDerived;
        Iterations = result.Iterations;
        Duration = result.Duration;
        Inconsistencies = result.Inconsistencies.Select(i => new TripleStoreInconsistency(i)).ToArray();
    }

    /// <summary>The store's folder.</summary>
    public string Path { get; }
    public string Profile { get; }

    /// <summary>True when only the changes since the last run were processed.</summary>
    public bool Incremental { get; }

    /// <summary>Derived triples written by this run.</summary>
    public long Derived { get; }

    /// <summary>Derived triples removed by this run (no longer entailed, or now asserted).</summary>
    public long Removed { get; }

    /// <summary>Derived triples in the store after the run.</summary>
    public long TotalDerived { get; }
    public int Iterations { get; }
    public TimeSpan Duration { get; }
    public TripleStoreInconsistency[] Inconsistencies { get; }
    public bool IsConsistent => Inconsistencies.Length == 0;
}

/// <summary>A store's materialization state, as Get-TripleStoreReasoningStatus reports it.</summary>
public sealed class TripleStoreReasoningStatus
{
    internal TripleStoreReasoningStatus(string path, ReasoningStatus status)
    {
        Path = path;
        IsMaterialized = status.IsMaterialized;
        Profile = status.IsMaterialized ? ProfileNames.Name(status.Profile) : null;
        State = !status.IsMaterialized ? "None" : status.IsStale ? "Stale" : "UpToDate";
        Rules = [.. status.Rules];
        FullRunRequired = status.FullRunRequired;
        PendingChanges = status.PendingChanges;
        DerivedCount = status.DerivedCount;
        LastRun = status.LastRun;
        LastDuration = status.IsMaterialized ? status.LastDuration : null;
        StaleSince = status.StaleSince;
        InconsistencyCount = status.InconsistencyCount;
    }

    public string Path { get; }
    public bool IsMaterialized { get; }

    /// <summary>RDFS or OWL2RL; null when nothing is materialized.</summary>
    public string? Profile { get; }

    /// <summary>None (no materialization), UpToDate, or Stale (the data changed since, or a run was interrupted).</summary>
    public string State { get; }
    public bool IsStale => State == "Stale";
    public string[] Rules { get; }

    /// <summary>True when the next run recomputes in full (after a bulk import or an interrupted write); otherwise it is incremental.</summary>
    public bool FullRunRequired { get; }

    /// <summary>Default-graph triples written since the last run (what an incremental run will process).</summary>
    public long PendingChanges { get; }
    public long DerivedCount { get; }
    public DateTimeOffset? LastRun { get; }
    public TimeSpan? LastDuration { get; }
    public DateTimeOffset? StaleSince { get; }
    public int InconsistencyCount { get; }
}
