using TripleStore.Reasoning.Rules;

namespace TripleStore.Reasoning;

/// <summary>
/// One parallel task's output: head facts and constraint matches, merged after the task. Given the store,
/// it drops head facts the store already holds: most rule firings re-derive known facts (every fact
/// re-derives itself through <c>?p rdfs:subPropertyOf ?p</c>, every type through <c>?c rdfs:subClassOf ?c</c>),
/// and checking here runs on all cores instead of in the sequential merge.
/// </summary>
internal sealed class DerivationBuffer : IDerivationSink
{
    private readonly FactStore? _known;
    private readonly RecentFacts? _recent;

    /// <param name="known">Facts to drop (null: keep every head fact).</param>
    /// <param name="recent">
    /// The worker's cache of facts judged already in this phase; a cached fact is dropped without a probe.
    /// Only with <paramref name="known"/>, and only while no fact leaves the store: a cached fact is either
    /// in the store or in the output of some task that is merged into it.
    /// </param>
    public DerivationBuffer(FactStore? known = null, RecentFacts? recent = null)
    {
        _known = known;
        _recent = known is null ? null : recent;
    }

    public List<Fact> Facts { get; } = new();
    public List<(CompiledRule Rule, int[] Binding)> Violations { get; } = new();

    /// <summary>Per rule name: head facts produced and kept (only with the stage trace on).</summary>
    public Dictionary<string, (long Produced, long Kept)>? RuleCounts { get; } = StageTrace.On ? new() : null;

    public bool Matched(CompiledRule rule, int[] binding)
    {
        int before = Facts.Count;
        if (rule.IsConstraint)
        {
            Violations.Add((rule, (int[])binding.Clone()));
            return false;
        }
        var head = rule.Head;
        for (int i = 0; i < head.Length; i += 3)
        {
            var fact = new Fact(Value(head[i], binding), Value(head[i + 1], binding), Value(head[i + 2], binding));
            if (_recent is not null && _recent.SeenOrAdd(fact)) continue;
            if (_known is null || !_known.Contains(fact)) Facts.Add(fact);
        }
        if (RuleCounts is not null)
        {
            RuleCounts.TryGetValue(rule.Name, out var c);
            RuleCounts[rule.Name] = (c.Produced + head.Length / 3, c.Kept + Facts.Count - before);
        }
        return false;
    }

    private static int Value(int position, int[] binding) => position >= 0 ? position : binding[CompiledRule.VariableIndex(position)];
}
