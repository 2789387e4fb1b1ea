namespace TripleStore.Reasoning;

/// <summary>How <see cref="RdfStore.Materialize"/> runs.</summary>
public sealed record MaterializeOptions
{
    public ReasoningProfile Profile { get; init; } = ReasoningProfile.Owl2Rl;

    /// <summary>
    /// The rule names to apply (for example <c>cax-sco</c>, <c>prp-trp</c>, <c>rdfs9</c>); null applies
    /// the profile's default set. Unknown names are an error (<see cref="ErrorCodes.Configuration"/>).
    /// </summary>
    public IReadOnlyCollection<string>? Rules { get; init; }

    /// <summary>Recompute from scratch even when an incremental update would do.</summary>
    public bool Full { get; init; }

    /// <summary>Run rules of one iteration in parallel (on by default).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Every rule name <paramref name="profile"/> knows (what <see cref="Rules"/> accepts).</summary>
    public static IReadOnlyList<string> RuleNames(ReasoningProfile profile) => global::TripleStore.Reasoning.Rules.RuleCatalog.AllNames(profile);

    /// <summary>The rules a run of <paramref name="profile"/> applies when <see cref="Rules"/> is null.</summary>
    public static IReadOnlyList<string> DefaultRuleNames(ReasoningProfile profile) => global::TripleStore.Reasoning.Rules.RuleCatalog.DefaultNames(profile);
}
