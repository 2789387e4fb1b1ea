namespace TripleStore.Reasoning.Rules;

/// <summary>
/// One entailment rule as written in the rule tables: a name (as in the specification), body atoms,
/// head atoms, or no head atoms and <see cref="IsConstraint"/> for rules whose head is <c>false</c>.
/// </summary>
internal sealed record RuleDefinition(string Name, IReadOnlyList<RuleAtom> Body, IReadOnlyList<RuleAtom> Head, bool IsConstraint, string Message)
{
    /// <summary>The body's variables in order of first appearance: the terms an inconsistency reports.</summary>
    public IReadOnlyList<string> Variables { get; } =
        Body.SelectMany(a => a.Terms).Concat(Head.SelectMany(a => a.Terms))
            .Where(t => t.IsVariable).Select(t => t.Variable!).Distinct().ToArray();

    public override string ToString() =>
        $"{Name}: {string.Join(" . ", Body)} -> {(IsConstraint ? "false" : string.Join(" . ", Head))}";
}
