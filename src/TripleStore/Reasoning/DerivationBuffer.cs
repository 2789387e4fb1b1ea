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
    private readonly TypeClosure? _types;
    private readonly PropertyClosure? _properties;

    /// <param name="known">Facts to drop (null: keep every head fact).</param>
    /// <param name="recent">
    /// The worker's cache of facts judged already in this phase; a cached fact is dropped without a probe.
    /// Only with <paramref name="known"/>, and only while no fact leaves the store: a cached fact is either
    /// in the store or in the output of some task that is merged into it.
    /// </param>
    /// <param name="types">
    /// The iteration's closed class hierarchy (only with <paramref name="known"/> and <paramref name="recent"/>): a type fact is emitted with
    /// all its superclasses, judged on the type masks instead of store probes.
    /// </param>
    /// <param name="properties">
    /// The iteration's closed property hierarchy (only with <paramref name="types"/>): a new fact is emitted with
    /// every other form it entails and the types its domains and ranges give.
    /// </param>
    public DerivationBuffer(FactStore? known = null, RecentFacts? recent = null, TypeClosure? types = null, PropertyClosure? properties = null)
    {
        _known = known;
        _recent = known is null ? null : recent;
        _types = known is null || recent is null ? null : types;
        _properties = _types is null ? null : properties;
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
            EmitHead(new Fact(Value(head[i], binding), Value(head[i + 1], binding), Value(head[i + 2], binding)));
        Count(rule.Name, head.Length / 3, before);
        return false;
    }

    /// <summary>Emits <paramref name="fact"/>, concluded by one firing of <paramref name="rule"/>, as a matched head atom is.</summary>
    public void EmitDerived(in Fact fact, string rule)
    {
        int before = Facts.Count;
        EmitHead(fact);
        Count(rule, 1, before);
    }

    private void EmitHead(in Fact fact)
    {
        if (_types is not null && fact.P == _types.Type && _types.Of(fact.O) is { } set)
        {
            EmitTypes(fact.S, set);
            return;
        }
        if (_properties is not null)
        {
            // A fact already held or already judged carries its forms and types from when it entered.
            if (Emit(fact)) EmitForms(fact);
            return;
        }
        Emit(fact);
    }

    /// <summary>
    /// Emits <c>x rdf:type C</c> for each class C of <paramref name="set"/> that x is not known to have: one AND
    /// against x's type mask for the classes with a bit, a probe for each other one. Counted as one firing of
    /// <paramref name="rule"/> in the trace.
    /// </summary>
    public void EmitTypes(int x, TypeClosure.ClassSet set, string rule)
    {
        int before = Facts.Count;
        EmitTypes(x, set);
        Count(rule, 1, before);
    }

    /// <summary>
    /// Emits the other forms of <paramref name="fact"/> (a held fact) that the property closure gives, each new
    /// one with its domain and range types; counted as one firing of <paramref name="rule"/>.
    /// </summary>
    public void EmitForms(in Fact fact, string rule)
    {
        int before = Facts.Count;
        if (_properties!.Of(fact.P) is { } forms)
            foreach (var (q, flipped) in forms)
            {
                var form = flipped ? new Fact(fact.O, q, fact.S) : new Fact(fact.S, q, fact.O);
                if (Emit(form)) TypeByProperty(form);
            }
        Count(rule, 1, before);
    }

    /// <summary>A fact just emitted: its types by domain and range, then its other forms with theirs.</summary>
    private void EmitForms(in Fact fact)
    {
        TypeByProperty(fact);
        if (_properties!.Of(fact.P) is not { } forms) return;
        foreach (var (q, flipped) in forms)
        {
            var form = flipped ? new Fact(fact.O, q, fact.S) : new Fact(fact.S, q, fact.O);
            if (Emit(form)) TypeByProperty(form);
        }
    }

    private void TypeByProperty(in Fact fact)
    {
        if (_properties!.TypeDomains && _types!.DomainOf(fact.P) is { } domains) EmitTypes(fact.S, domains);
        if (_properties.TypeRanges && _types!.RangeOf(fact.P) is { } ranges) EmitTypes(fact.O, ranges);
    }

    private void EmitTypes(int x, TypeClosure.ClassSet set)
    {
        var masks = _types!.Masks;
        int type = _types.Type;
        var (low, high) = masks.Claim(x, set.Low, set.High, out ulong allLow, out ulong allHigh);
        // cls-int1 at once: an intersection whose last class x just got (see TypeClosure.Intersections).
        if ((low | high) != 0)
            foreach (var (needLow, needHigh, target) in _types.Intersections)
                if (((needLow & low) | (needHigh & high)) != 0 && (needLow & ~allLow) == 0 && (needHigh & ~allHigh) == 0)
                    EmitTypes(x, target);
        while (low != 0)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(low);
            low &= low - 1;
            Facts.Add(new Fact(x, type, masks.ClassOf(bit)));
        }
        while (high != 0)
        {
            int bit = System.Numerics.BitOperations.TrailingZeroCount(high);
            high &= high - 1;
            Facts.Add(new Fact(x, type, masks.ClassOf(bit + 64)));
        }
        foreach (int c in set.Others) Emit(new Fact(x, type, c));
    }

    /// <summary>Adds the fact unless known or judged already; true when added.</summary>
    private bool Emit(in Fact fact)
    {
        if (_recent is not null && _recent.SeenOrAdd(fact)) return false;
        if (_known is not null && _known.Contains(fact)) return false;
        Facts.Add(fact);
        return true;
    }

    private void Count(string rule, int produced, int before)
    {
        if (RuleCounts is null) return;
        RuleCounts.TryGetValue(rule, out var c);
        RuleCounts[rule] = (c.Produced + produced, c.Kept + Facts.Count - before);
    }

    private static int Value(int position, int[] binding) => position >= 0 ? position : binding[CompiledRule.VariableIndex(position)];
}
