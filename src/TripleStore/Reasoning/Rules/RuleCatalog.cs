namespace TripleStore.Reasoning.Rules;

/// <summary>The rules of each profile, and the choice of a subset by name.</summary>
internal static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<RuleDefinition>> Owl = new(() => RuleParser.ParseTable(Owl2RlRules.Table));
    private static readonly Lazy<IReadOnlyList<RuleDefinition>> Rdfs = new(() => RuleParser.ParseTable(RdfsRules.Table));

    public static IReadOnlyList<RuleDefinition> TableRules(ReasoningProfile profile) =>
        profile == ReasoningProfile.Owl2Rl ? Owl.Value : Rdfs.Value;

    /// <summary>Every rule name the profile knows, table rules first.</summary>
    public static IReadOnlyList<string> AllNames(ReasoningProfile profile) => profile == ReasoningProfile.Owl2Rl
        ? [.. Owl.Value.Select(r => r.Name).Distinct(), .. Owl2RlRules.ListRuleNames, .. Owl2RlRules.EqualityRules]
        : [.. Rdfs.Value.Select(r => r.Name).Distinct()];

    /// <summary>The rules a run applies by default.</summary>
    public static IReadOnlyList<string> DefaultNames(ReasoningProfile profile) =>
        profile == ReasoningProfile.Owl2Rl ? AllNames(profile) : [.. AllNames(profile).Except(RdfsRules.OptIn)];

    /// <summary>The selected names, checked; throws a configuration error naming the unknown ones.</summary>
    public static IReadOnlySet<string> Select(ReasoningProfile profile, IReadOnlyCollection<string>? names)
    {
        if (names is null) return DefaultNames(profile).ToHashSet(StringComparer.Ordinal);
        var known = AllNames(profile).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = names.Where(n => !known.Contains(n)).ToArray();
        if (unknown.Length > 0)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"Unknown {profile} rule name(s): {string.Join(", ", unknown)}. Known rules: {string.Join(", ", AllNames(profile))}.");
        return names.Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }
}
