using TripleStore.Rdf;
using TripleStore.Reasoning.Rules;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// The in-memory closure of one materialization, kept between runs for incremental maintenance. Works on
/// dense term numbers; owl:sameAs never enters the fact store: it merges classes in a
/// <see cref="UnionFind"/> and every fact is rewritten to class representatives, so equality costs a
/// rewrite of the facts that mention a merged term instead of eq-rep-s/p/o copies of them.
/// </summary>
internal sealed partial class Reasoner
{
    private const int ChunkSize = 8192;
    private readonly ListRules? _listRules;
    private readonly bool _parallel;
    private List<CompiledRule> _tableRules = new();
    private readonly Dictionary<string, CompiledRule> _listInstances = new();
    private readonly int _sameAs;
    private readonly IReadOnlyList<RuleDefinition> _definitions;
    private bool _equalityChanged;

    public Reasoner(ReasoningProfile profile, IReadOnlySet<string> rules, bool parallel, TermTable? terms = null)
    {
        Profile = profile;
        Rules = rules;
        _parallel = parallel;
        Terms = terms ?? new TermTable();
        _sameAs = Terms.Intern(new Iri("http://www.w3.org/2002/07/owl#sameAs"));
        _definitions = RuleCatalog.TableRules(profile).Where(r => rules.Contains(r.Name)).ToArray();
        if (profile == ReasoningProfile.Owl2Rl) _listRules = new ListRules(Constant, rules);
        CompileTableRules();
    }

    public ReasoningProfile Profile { get; }
    public IReadOnlySet<string> Rules { get; }
    public TermTable Terms { get; }
    public FactStore Store { get; } = new();
    public UnionFind Equal { get; } = new();
    public HashSet<Fact> Asserted { get; } = new();
    public int Iterations { get; private set; }
    public IProgress<MaterializeProgress>? Progress { get; set; }
    public CancellationToken Cancellation { get; set; }

    /// <summary>Facts added to the store by the current run (null when not recorded).</summary>
    public List<Fact>? AddedLog { get; set; }

    /// <summary>True when a run merged equivalence classes, so the expanded output must be rebuilt.</summary>
    public bool EqualityChanged => _equalityChanged;

    private bool EqualityEnabled => Profile == ReasoningProfile.Owl2Rl;

    private int Constant(Term term) => Equal.Find(Terms.Intern(term));

    private void CompileTableRules() => _tableRules = _definitions.Select(d => CompiledRule.Compile(d, Constant)).ToList();

    public int Representative(int term) => Equal.Find(term);

    public Fact Rewrite(in Fact f) => new(Equal.Find(f.S), Equal.Find(f.P), Equal.Find(f.O));

    /// <summary>Computes the closure of <paramref name="asserted"/> from scratch.</summary>
    public void MaterializeAll(IEnumerable<Fact> asserted)
    {
        _equalityChanged = false;
        var delta = new List<Fact>();
        foreach (var fact in asserted)
            if (Asserted.Add(fact)) Insert(fact, delta);
        if (_equalityChanged) RewriteToRepresentatives(delta);
        Fixpoint(delta, firstRound: true);
    }

    /// <summary>Adds asserted facts and extends the closure semi-naively from them.</summary>
    public void AddAsserted(IEnumerable<Fact> facts)
    {
        var delta = new List<Fact>();
        foreach (var fact in facts)
            if (Asserted.Add(fact)) Insert(fact, delta);
        if (_equalityChanged) RewriteToRepresentatives(delta);
        if (delta.Count > 0 || _equalityChanged) Fixpoint(delta, firstRound: false);
    }

    private void Insert(in Fact fact, List<Fact> delta)
    {
        if (fact.P == _sameAs && EqualityEnabled)
        {
            if (fact.S != fact.O && Equal.Union(fact.S, fact.O)) _equalityChanged = true;
            return;
        }
        var rep = Rewrite(fact);
        if (Store.Add(rep))
        {
            delta.Add(rep);
            AddedLog?.Add(rep);
        }
    }

    private void Fixpoint(List<Fact> delta, bool firstRound)
    {
        bool everything = firstRound;
        while (true)
        {
            Cancellation.ThrowIfCancellationRequested();
            var newRules = RefreshListRules(everything);
            if (delta.Count == 0 && newRules.Count == 0 && !everything) break;
            Iterations++;
            var tasks = PlanTasks(delta, everything, newRules);
            var buffers = Run(tasks);
            everything = false;
            delta = Merge(buffers);
            Progress?.Report(new MaterializeProgress("derive", Iterations, Store.Count));
        }
    }

    /// <summary>Instances of the list rules; returns those not seen before (they need a full evaluation).</summary>
    private List<CompiledRule> RefreshListRules(bool all)
    {
        var fresh = new List<CompiledRule>();
        if (_listRules is null) return fresh;
        foreach (var rule in _listRules.Instantiate(Store))
            if (_listInstances.TryAdd(rule.Key, rule) || all) fresh.Add(rule);
        return fresh;
    }

    private List<Action<DerivationBuffer>> PlanTasks(List<Fact> delta, bool everything, List<CompiledRule> newRules)
    {
        var tasks = new List<Action<DerivationBuffer>>();
        var fullRules = everything ? _tableRules.Concat(newRules).ToList() : newRules;
        var all = everything ? Store.Snapshot() : null;
        var byPredicate = GroupByPredicate(everything ? all! : delta);
        var fullSet = fullRules.ToHashSet();
        foreach (var rule in fullRules)
        {
            if (rule.IsConstraint || CannotMatch(rule)) continue;
            if (rule.BodyAtoms == 0)
            {
                tasks.Add(buffer => new RuleEvaluator(Store, rule, buffer).Everything());
                continue;
            }
            // Complete with any one atom taken from all facts: take the biggest, so it splits into chunks.
            var candidates = Enumerable.Range(0, rule.BodyAtoms).Select(a => Matching(rule, a, byPredicate, all ?? delta)).ToList();
            int atom = Enumerable.Range(0, rule.BodyAtoms).MaxBy(a => candidates[a].Count);
            AddChunks(tasks, rule, atom, candidates[atom]);
        }
        if (everything) return tasks;
        foreach (var rule in _tableRules.Concat(_listInstances.Values))
        {
            if (rule.IsConstraint || fullSet.Contains(rule) || CannotMatch(rule)) continue;
            for (int atom = 0; atom < rule.BodyAtoms; atom++)
                AddChunks(tasks, rule, atom, Matching(rule, atom, byPredicate, delta));
        }
        return tasks;
    }

    /// <summary>
    /// True when some body atom with a constant predicate has no fact at all in the store (which holds the
    /// delta too): then the rule has no match this iteration, however large the delta. Cuts the schema-anchored
    /// rules (cardinalities, functional properties, ...) an ontology does not use.
    /// </summary>
    private bool CannotMatch(CompiledRule rule)
    {
        var body = rule.Body;
        for (int at = 0; at < body.Length; at += 3)
        {
            int p = body[at + 1], o = body[at + 2];
            if (p < 0) continue;
            if (Store.WithPredicate(p) is not { Count: > 0 }) return true;
            if (o >= 0 && body[at] < 0 && Store.Subjects(p, o).Count == 0) return true;
        }
        return false;
    }

    private static Dictionary<int, List<Fact>> GroupByPredicate(List<Fact> facts)
    {
        var groups = new Dictionary<int, List<Fact>>();
        foreach (var f in facts)
        {
            if (!groups.TryGetValue(f.P, out var list)) groups[f.P] = list = new List<Fact>();
            list.Add(f);
        }
        return groups;
    }

    private List<Fact> Matching(CompiledRule rule, int atom, Dictionary<int, List<Fact>> byPredicate, List<Fact> all)
    {
        int p = rule.Body[atom * 3 + 1];
        if (p >= 0) return byPredicate.TryGetValue(p, out var list) ? list : [];
        var allowed = AllowedPredicates(rule, p);
        if (allowed is null) return all;
        var matching = new List<Fact>();
        foreach (int predicate in allowed)
            if (byPredicate.TryGetValue(predicate, out var group)) matching.AddRange(group);
        return matching;
    }

    /// <summary>
    /// The values a predicate variable can take, when another atom of the body constrains it with a constant
    /// predicate (as in <c>?p rdf:type owl:TransitiveProperty</c> or <c>?p rdfs:domain ?c</c>): then only
    /// delta facts with those predicates can match. Null when nothing constrains it.
    /// </summary>
    private HashSet<int>? AllowedPredicates(CompiledRule rule, int variable)
    {
        var body = rule.Body;
        for (int at = 0; at < body.Length; at += 3)
        {
            if (body[at + 1] < 0) continue;
            if (body[at + 2] == variable && body[at] != variable)
            {
                var subjectSide = Store.WithPredicate(body[at + 1]);
                var objects = new HashSet<int>();
                if (subjectSide is not null)
                    foreach (long pair in subjectSide)
                        if (body[at] < 0 || FactStore.SubjectOf(pair) == body[at]) objects.Add(FactStore.ObjectOf(pair));
                return objects;
            }
            if (body[at] != variable) continue;
            int constantPredicate = body[at + 1], o = body[at + 2];
            if (o >= 0) return [.. Store.Subjects(constantPredicate, o)];
            var pairs = Store.WithPredicate(constantPredicate);
            var allowed = new HashSet<int>();
            if (pairs is not null) foreach (long pair in pairs) allowed.Add(FactStore.SubjectOf(pair));
            return allowed;
        }
        return null;
    }

    private void AddChunks(List<Action<DerivationBuffer>> tasks, CompiledRule rule, int atom, List<Fact> facts)
    {
        for (int start = 0; start < facts.Count; start += ChunkSize)
        {
            int from = start, to = Math.Min(facts.Count, start + ChunkSize);
            tasks.Add(buffer => new RuleEvaluator(Store, rule, buffer).WithAtomFrom(atom, facts, from, to));
        }
    }

    private List<DerivationBuffer> Run(List<Action<DerivationBuffer>> tasks)
    {
        var buffers = new DerivationBuffer[tasks.Count];
        if (_parallel && tasks.Count > 1)
        {
            System.Threading.Tasks.Parallel.For(0, tasks.Count, new ParallelOptions { CancellationToken = Cancellation }, i =>
            {
                buffers[i] = new DerivationBuffer();
                tasks[i](buffers[i]);
            });
        }
        else
        {
            for (int i = 0; i < tasks.Count; i++)
            {
                Cancellation.ThrowIfCancellationRequested();
                buffers[i] = new DerivationBuffer();
                tasks[i](buffers[i]);
            }
        }
        return [.. buffers];
    }

    private List<Fact> Merge(List<DerivationBuffer> buffers)
    {
        var delta = new List<Fact>();
        bool merged = false;
        foreach (var buffer in buffers)
            foreach (var fact in buffer.Facts)
            {
                if (fact.P == _sameAs && EqualityEnabled)
                {
                    if (fact.S != fact.O && Equal.Union(fact.S, fact.O)) merged = true;
                    continue;
                }
                var rep = Rewrite(fact);
                if (Store.Add(rep))
                {
                    delta.Add(rep);
                    AddedLog?.Add(rep);
                }
            }
        if (merged)
        {
            _equalityChanged = true;
            RewriteToRepresentatives(delta);
        }
        return delta;
    }

    /// <summary>After classes merged: facts naming a non-representative are replaced by their rewrite.</summary>
    private void RewriteToRepresentatives(List<Fact> delta)
    {
        CompileTableRules();
        _listInstances.Clear();
        var stale = Store.All().Where(f => Rewrite(f) != f).ToList();
        foreach (var fact in stale) Store.Remove(fact);
        delta.RemoveAll(f => !Store.Contains(f));
        foreach (var fact in stale)
        {
            var rep = Rewrite(fact);
            if (Store.Add(rep))
            {
                delta.Add(rep);
                AddedLog?.Add(rep);
            }
        }
    }

    /// <summary>Every constraint rule evaluated over the final closure, plus eq-diff2/3 on the classes.</summary>
    public List<(string Rule, int[] Terms, string Message)> FindInconsistencies()
    {
        var constraints = _tableRules.Concat(_listInstances.Values).Where(r => r.IsConstraint).ToList();
        var buffers = Run(constraints.Select<CompiledRule, Action<DerivationBuffer>>(r => b => new RuleEvaluator(Store, r, b).Everything()).ToList());
        var found = new List<(string, int[], string)>();
        var seen = new HashSet<string>();
        foreach (var (rule, binding) in buffers.SelectMany(b => b.Violations))
            if (seen.Add(rule.Name + "|" + string.Join(',', binding))) found.Add((rule.Name, binding, rule.Message));
        if (_listRules is not null)
            foreach (var (rule, members) in _listRules.DifferentLists(Store))
            {
                if (!Rules.Contains(rule)) continue;
                for (int i = 0; i < members.Count; i++)
                    for (int j = i + 1; j < members.Count; j++)
                        if (Equal.Find(members[i]) == Equal.Find(members[j]) && seen.Add($"{rule}|{members[i]},{members[j]}"))
                            found.Add((rule, [members[i], members[j]], "two individuals declared all different are the same"));
            }
        return found;
    }

    /// <summary>Whether a (non-representative) triple is in the closure.</summary>
    public bool Entails(in Fact fact)
    {
        if (fact.P == _sameAs && EqualityEnabled) return fact.S != fact.O && Equal.Find(fact.S) == Equal.Find(fact.O);
        return Store.Contains(Rewrite(fact));
    }

    /// <summary>The triples a representative fact stands for.</summary>
    public IEnumerable<Fact> Expand(Fact rep)
    {
        foreach (int s in Equal.Members(rep.S))
            foreach (int p in Equal.Members(rep.P))
                foreach (int o in Equal.Members(rep.O))
                    yield return new Fact(s, p, o);
    }

    /// <summary>The owl:sameAs triples of one equivalence class (reflexive ones are never materialized).</summary>
    public IEnumerable<Fact> SameAsClosure(IReadOnlyList<int> members)
    {
        foreach (int a in members)
            foreach (int b in members)
                if (a != b) yield return new Fact(a, _sameAs, b);
    }

    /// <summary>Whether a triple may be stored: no literal subject, an IRI predicate.</summary>
    public bool IsStorable(in Fact fact) =>
        !Terms.IsLiteral(fact.S) && Terms.IdOf(fact.P).Tag == TermTag.Iri;

    /// <summary>The derived triples: the expanded closure minus what is asserted, storable only.</summary>
    public IEnumerable<Fact> DerivedTriples()
    {
        foreach (var rep in Store.All())
            foreach (var fact in Expand(rep))
                if (IsStorable(fact) && !Asserted.Contains(fact)) yield return fact;
        foreach (var members in Equal.Classes)
            foreach (var fact in SameAsClosure(members))
                if (IsStorable(fact) && !Asserted.Contains(fact)) yield return fact;
    }

    public void ResetEqualityFlag() => _equalityChanged = false;
}
