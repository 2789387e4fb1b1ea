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
    private readonly bool _skipRedundantSchema;
    private readonly HashSet<Fact> _skippedDriving = new();
    private int _skippedLastPlan;
    private readonly bool _typing;
    private readonly bool _skipIntersectionTyping, _skipUnionTyping;
    private TypeMasks? _typeMasks;
    private TypeClosure? _closure;

    /// <summary>The cls-int1 instances the previous iteration folded into type emission (see <see cref="TypeClosure.Intersections"/>).</summary>
    private HashSet<CompiledRule>? _foldedIntersections;
    private PropertyClosure? _properties;
    private readonly bool _domainTyping, _rangeTyping;

    // Whether the sub-property rule (prp-spo1, rdfs7) lifts instance facts to their super-properties, which
    // then bring the super-property's domain and range types themselves.
    private readonly bool _liftsSubProperties;

    /// <summary>
    /// True when every fact of the current delta entered the store through a merge of facts emitted with their
    /// other forms and their domain and range types (see <see cref="PropertyClosure"/>): then prp-spo1,
    /// prp-eqp1/2, prp-inv1/2, prp-symp (rdfs7) and prp-dom/prp-rng (rdfs2/rdfs3) driven by the delta's
    /// instance facts would only re-emit, and are not planned.
    /// </summary>
    private bool _deltaFormsEmitted;

    /// <summary>
    /// True when every fact of the current delta entered the store through a merge of facts emitted with
    /// their superclasses (see <see cref="TypeClosure"/>): then cax-sco driven by the delta's type facts
    /// would only re-emit, and is not planned.
    /// </summary>
    private bool _deltaExpanded;

    /// <summary>
    /// The closure of the first iteration of a run from scratch, which emitted the closed types of every type
    /// fact and of every fact of a property with a domain or range (<see cref="_baselineKinds"/> says for which
    /// rules); every later type fact of the run is emitted with a closure at least as large. A schema fact that
    /// this closure already implies (<c>C rdfs:subClassOf D</c> with D in C's set, <c>p rdfs:domain D</c> with D
    /// in p's domain set, ...) therefore has nothing to add as a driving fact. Null when it does not hold (an
    /// incremental run, or after classes merged).
    /// </summary>
    private TypeClosure? _baseline;
    private readonly HashSet<SchemaRedundancy.Kind> _baselineKinds = new();
    private int _impliedLastPlan;

    /// <summary>
    /// After a load from scratch, the number of rows it filled: the asserted facts, in rows 0 to this, and
    /// every later row derived. Without equivalence classes the split of the closure then tells asserted from
    /// derived by row number instead of 2M set lookups. -1 once asserted facts were added or removed since.
    /// </summary>
    private int _assertedRows = -1;

    public Reasoner(ReasoningProfile profile, IReadOnlySet<string> rules, bool parallel, TermTable? terms = null)
    {
        Profile = profile;
        Rules = rules;
        _parallel = parallel;
        Terms = terms ?? new TermTable();
        _sameAs = Terms.Intern(new Iri("http://www.w3.org/2002/07/owl#sameAs"));
        _definitions = RuleCatalog.TableRules(profile).Where(r => rules.Contains(r.Name)).ToArray();
        if (profile == ReasoningProfile.Owl2Rl) _listRules = new ListRules(Constant, rules);
        _skipRedundantSchema = profile == ReasoningProfile.Owl2Rl
            ? rules.Contains("cax-sco") && rules.Contains("scm-sco")
            : rules.Contains("rdfs9") && rules.Contains("rdfs11");
        // Emitting a type with its superclasses is cax-sco (rdfs9) applied ahead of time: only with that rule.
        _typing = rules.Contains(profile == ReasoningProfile.Owl2Rl ? "cax-sco" : "rdfs9");
        // cls-int2 concludes what scm-int (C subClassOf each Ci) and cax-sco conclude; cls-uni likewise with scm-uni.
        _skipIntersectionTyping = _typing && profile == ReasoningProfile.Owl2Rl && rules.Contains("scm-int");
        _skipUnionTyping = _typing && profile == ReasoningProfile.Owl2Rl && rules.Contains("scm-uni");
        _domainTyping = rules.Contains(profile == ReasoningProfile.Owl2Rl ? "prp-dom" : "rdfs2");
        _rangeTyping = rules.Contains(profile == ReasoningProfile.Owl2Rl ? "prp-rng" : "rdfs3");
        _liftsSubProperties = rules.Contains(profile == ReasoningProfile.Owl2Rl ? "prp-spo1" : "rdfs7");
        CompileTableRules();
    }

    private const string RdfsDomain = "http://www.w3.org/2000/01/rdf-schema#domain";
    private const string RdfsRange = "http://www.w3.org/2000/01/rdf-schema#range";
    private const string RdfsSubClassOf = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    private const string Owl = "http://www.w3.org/2002/07/owl#";

    /// <summary>Facts skipped as driving atoms of the instance rules since the last class merge (see <see cref="SchemaRedundancy"/>).</summary>
    internal int SkippedDrivingFacts => _skippedDriving.Count;

    /// <summary>Schema facts kept from driving, since this reasoner was made, because the first iteration's closed hierarchy implied them (see <see cref="_baseline"/>).</summary>
    internal int ImpliedDrivingFacts { get; private set; }

    public ReasoningProfile Profile { get; }
    public IReadOnlySet<string> Rules { get; }
    public TermTable Terms { get; }
    public FactStore Store { get; } = new();
    public UnionFind Equal { get; } = new();
    /// <summary>
    /// The asserted facts. After <see cref="MaterializeLoaded"/> the set may still be under construction on
    /// another thread: the fixpoint never reads it (without equivalence classes the split of the closure tells
    /// asserted from derived by row number), so it is built while the first plan runs on one core, and the
    /// first read waits for it.
    /// </summary>
    public FactSet Asserted
    {
        get
        {
            // A benign race: concurrent first readers all get the same finished set.
            if (_assertedBuild is { } build)
            {
                _asserted = build.GetAwaiter().GetResult();
                _assertedBuild = null;
            }
            return _asserted;
        }
        private set
        {
            _assertedBuild = null;
            _asserted = value;
        }
    }

    private FactSet _asserted = new();
    private Task<FactSet>? _assertedBuild;
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
        bool empty = Store.RowCount == 0;
        foreach (var fact in asserted)
            if (Asserted.Add(fact)) Insert(fact);
        _assertedRows = empty ? Store.RowCount : -1;
        FixpointFromLoaded();
    }

    /// <summary>
    /// Computes the closure from scratch of <paramref name="asserted"/>, facts without repeats, whose set
    /// <paramref name="assertedSet"/> is filled by whoever produces them (a loading thread) by the time the
    /// enumeration ends; this thread then only inserts.
    /// </summary>
    public void MaterializeAll(IEnumerable<Fact> asserted, FactSet assertedSet)
    {
        if (Asserted.Count > 0) throw new InvalidOperationException("The closure is not empty.");
        _equalityChanged = false;
        bool empty = Store.RowCount == 0;
        foreach (var fact in asserted) Insert(fact);
        Asserted = assertedSet;
        _assertedRows = empty ? Store.RowCount : -1;
        FixpointFromLoaded();
    }

    /// <summary>
    /// Computes the closure from scratch of <paramref name="asserted"/>, the distinct facts of a whole load.
    /// Without owl:sameAs among them they enter the working set as one batch (see
    /// <see cref="FactStore.AddBatch"/>) and the set of asserted facts is built in bulk; with it, one by one as
    /// <see cref="MaterializeAll(IEnumerable{Fact})"/> does.
    /// </summary>
    public void MaterializeLoaded(Fact[] asserted)
    {
        if (Asserted.Count > 0 || Store.RowCount > 0) throw new InvalidOperationException("The closure is not empty.");
        if (EqualityEnabled && Array.Exists(asserted, f => f.P == _sameAs))
        {
            MaterializeAll(asserted);
            return;
        }
        _equalityChanged = false;
        Store.AddBatch(asserted, _parallel);
        // Nothing mutates the array after this (the store copied it), so a second core may read it meanwhile.
        if (_parallel) _assertedBuild = Task.Run(() => new FactSet(asserted.AsSpan()));
        else Asserted = new FactSet(asserted.AsSpan());
        _assertedRows = Store.RowCount;
        FixpointFromLoaded();
    }

    private void FixpointFromLoaded()
    {
        if (_equalityChanged) RewriteToRepresentatives();
        StageTrace.Mark("load asserted");
        Fixpoint(0, firstRound: true);
    }

    /// <summary>Adds asserted facts and extends the closure semi-naively from them.</summary>
    public void AddAsserted(IEnumerable<Fact> facts)
    {
        _assertedRows = -1;
        int mark = Store.RowCount;
        foreach (var fact in facts)
            if (Asserted.Add(fact)) Insert(fact);
        if (_equalityChanged) RewriteToRepresentatives();
        if (Store.RowCount > mark || _equalityChanged) Fixpoint(mark, firstRound: false);
    }

    private void Insert(in Fact fact)
    {
        if (fact.P == _sameAs && EqualityEnabled)
        {
            if (fact.S != fact.O && Equal.Union(fact.S, fact.O)) _equalityChanged = true;
            return;
        }
        var rep = Rewrite(fact);
        if (Store.Add(rep)) AddedLog?.Add(rep);
    }

    /// <summary>Inserts a fact as <see cref="Insert(in Fact)"/> does, and lists it in <paramref name="added"/> when it entered the store.</summary>
    internal void Insert(in Fact fact, List<Fact> added)
    {
        int mark = Store.RowCount;
        Insert(fact);
        if (Store.RowCount > mark) added.Add(Store.At(mark));
    }

    /// <summary>As <see cref="RewriteToRepresentatives()"/>, keeping <paramref name="facts"/> to the facts still in the store plus the rewrites.</summary>
    internal void RewriteToRepresentatives(List<Fact> facts)
    {
        int mark = Store.RowCount;
        RewriteToRepresentatives();
        facts.RemoveAll(f => !Store.Contains(f));
        foreach (int row in Store.LiveRows(mark, Store.RowCount)) facts.Add(Store.At(row));
    }

    /// <summary>
    /// Semi-naive fixpoint from the facts in rows <paramref name="deltaStart"/> and up (all facts on the first
    /// round). Each iteration's delta is the row range the previous merge appended.
    /// </summary>
    private void Fixpoint(int deltaStart, bool firstRound)
    {
        bool everything = firstRound;
        int from = everything ? 0 : deltaStart;
        // The first round is the longest: say it has begun (iteration 0, the facts loaded) rather than stay silent through it.
        if (firstRound) Progress?.Report(new MaterializeProgress("derive", Iterations, Store.Count));
        // The first delta (loaded, asserted or restored facts) was not emitted with superclasses.
        _deltaExpanded = false;
        _deltaFormsEmitted = false;
        _baseline = null;
        DropLateState();
        while (true)
        {
            Cancellation.ThrowIfCancellationRequested();
            var newRules = RefreshListRules(everything);
            int to = Store.RowCount;
            var delta = Store.LiveRows(from, to);
            if (delta.Count == 0 && newRules.Count == 0 && !everything) break;
            Iterations++;
            var tasks = PlanTasks(delta, from, to, everything, newRules);
            StageTrace.Mark($"plan {Iterations} ({tasks.Count}, {_skippedLastPlan} skipped, {_impliedLastPlan} implied)");
            List<DerivationBuffer> buffers;
            bool expanded = _closure is not null, formsEmitted = _properties is not null, merged;
            long before = Store.Count;
            try
            {
                buffers = Run(tasks, Store);
                RunLateTasks(buffers);
                StageTrace.Mark($"tasks {Iterations}");
                _foldedIntersections = _closure?.FoldedIntersections;
                _closure = null;
                _properties = null;
                everything = false;
                from = to;
                merged = Merge(buffers);
                AfterLateMerge(merged);
            }
            catch
            {
                DropLateState();
                // Type facts claimed in the masks by an abandoned iteration never reach the store.
                _closure = null;
                _properties = null;
                _typeMasks = null;
                _baseline = null;
                throw;
            }
            _deltaExpanded = expanded && !merged;
            _deltaFormsEmitted = formsEmitted && !merged;
            StageTrace.Mark($"merge {Iterations} ({buffers.Sum(b => (long)b.Facts.Count)} -> {Store.Count - before})");
            if (StageTrace.On) TraceRules(buffers);
            Progress?.Report(new MaterializeProgress("derive", Iterations, Store.Count));
        }
    }

    private static void TraceRules(List<DerivationBuffer> buffers)
    {
        var totals = new Dictionary<string, (long Produced, long Kept)>();
        foreach (var buffer in buffers)
            foreach (var (name, c) in buffer.RuleCounts!)
            {
                totals.TryGetValue(name, out var t);
                totals[name] = (t.Produced + c.Produced, t.Kept + c.Kept);
            }
        foreach (var (name, t) in totals.OrderByDescending(x => x.Value.Produced))
            Console.Error.WriteLine($"        {name,-12} produced {t.Produced,10:N0}  kept {t.Kept,10:N0}");
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

    /// <summary>
    /// The tasks of one iteration. A rule evaluated in full takes its atom with most candidate facts as the
    /// driving one (so it splits into chunks), the others over every fact. Otherwise each body atom in turn
    /// drives from the delta rows [<paramref name="from"/>, <paramref name="to"/>), atoms before it are kept to
    /// old rows (below <paramref name="from"/>) and atoms after it see old and new: every new match is found once.
    /// </summary>
    private List<Action<DerivationBuffer>> PlanTasks(List<int> delta, int from, int to, bool everything, List<CompiledRule> newRules)
    {
        var tasks = new List<Action<DerivationBuffer>>();
        // Late tasks of the round before (cls-svf1) saw some of this delta's type facts; see Reasoner.SomeValues.
        var priorLate = _priorLateClaims;
        DropLateState();
        var fullRules = everything ? _tableRules.Concat(newRules).ToList() : newRules;
        Dictionary<int, List<int>>? grouped = null;
        Dictionary<int, List<int>> ByPredicate() => grouped ??= GroupByPredicate(delta);
        List<int>? all = everything ? delta : null;
        Dictionary<int, List<int>>? allByPredicate = null;
        var fullSet = fullRules.ToHashSet();
        int domain = Constant(new Iri(RdfsDomain)), range = Constant(new Iri(RdfsRange)), subClassOf = Constant(new Iri(RdfsSubClassOf));
        // A large delta is grouped by predicate on a second core while this one syncs the type masks and closes
        // the hierarchies (both only read the store's rows).
        var grouping = _parallel && _typing && delta.Count >= 2 * ChunkSize ? Task.Run(() => GroupByPredicate(delta)) : null;
        try
        {
            _closure = _typing ? BuildClosure(subClassOf, domain, range) : null;
        }
        finally
        {
            if (grouping is not null) grouped = grouping.GetAwaiter().GetResult();
        }
        _properties = _closure is null ? null : BuildProperties(_closure);
        if (everything) _baselineKinds.Clear();
        bool formsOverAll = false, formsOverDelta = false;
        foreach (var rule in fullRules)
        {
            if (IsFormRule(rule))
            {
                // Every match is one instance fact (atom 1) with a schema fact: the forms of every fact cover them.
                formsOverAll = true;
                continue;
            }
            var typing = _closure is null ? null : SchemaRedundancy.KindOf(rule, domain, range, subClassOf);
            if (typing is { } k)
            {
                // Every match is one instance fact (atom 1) with the schema facts of its predicate or class.
                all ??= Store.LiveRows(0, to);
                allByPredicate ??= everything ? ByPredicate() : GroupByPredicate(all);
                AddTypingChunks(tasks, rule.Name, k, TypingRows(rule, k, allByPredicate, all, _closure!), _closure!);
                if (everything) _baselineKinds.Add(k);
                continue;
            }
            if (rule.IsConstraint || CannotMatch(rule) || Implied(rule)) continue;
            if (everything && PlanLateSomeValues(rule, allByPredicate ??= ByPredicate())) continue;
            if (rule.BodyAtoms == 0)
            {
                tasks.Add(buffer => new RuleEvaluator(Store, rule, buffer, null, Cancellation).Everything());
                continue;
            }
            all ??= Store.LiveRows(0, to);
            allByPredicate ??= everything ? ByPredicate() : GroupByPredicate(all);
            var candidates = Enumerable.Range(0, rule.BodyAtoms).Select(a => Matching(rule, a, allByPredicate, all)).ToList();
            int atom = Enumerable.Range(0, rule.BodyAtoms).MaxBy(a => candidates[a].Count);
            AddChunks(tasks, rule, atom, candidates[atom], null, _closure?.Masks);
        }
        if (formsOverAll)
        {
            all ??= Store.LiveRows(0, to);
            allByPredicate ??= everything ? ByPredicate() : GroupByPredicate(all);
            AddFormChunks(tasks, FormRows(allByPredicate));
        }
        _skippedLastPlan = 0;
        _impliedLastPlan = 0;
        if (everything)
        {
            _baseline = _closure;
            return tasks;
        }
        var redundancy = _skipRedundantSchema ? new SchemaRedundancy(Store, subClassOf) : null;
        foreach (var rule in _tableRules.Concat(_listInstances.Values))
        {
            if (rule.IsConstraint || fullSet.Contains(rule) || CannotMatch(rule) || Implied(rule)) continue;
            var kind = SchemaRedundancy.KindOf(rule, domain, range, subClassOf);
            for (int atom = 0; atom < rule.BodyAtoms; atom++)
            {
                var driving = Matching(rule, atom, ByPredicate(), delta);
                if (driving.Count == 0) continue;
                // The delta's types came through claims that emitted every intersection they completed.
                if (_deltaExpanded && _foldedIntersections is not null && _foldedIntersections.Contains(rule)) continue;
                if (atom == 1 && IsFormRule(rule))
                {
                    // Emitted with their forms when they entered, or given them all at once below.
                    if (!_deltaFormsEmitted) formsOverDelta = true;
                    continue;
                }
                if (atom == 1 && kind is { } typing && _closure is not null)
                {
                    // Instance facts emitted with their forms came with their domain and range types too.
                    if (_deltaFormsEmitted && ((typing == SchemaRedundancy.Kind.Domain && _domainTyping) || (typing == SchemaRedundancy.Kind.Range && _rangeTyping))) continue;
                    // The delta's type facts came with their superclasses (as of the previous plan, which held
                    // every subclass fact older than the delta): cax-sco driven by them has nothing to add.
                    if (typing == SchemaRedundancy.Kind.SubClass && _deltaExpanded) continue;
                    AddTypingChunks(tasks, rule.Name, typing, TypingRows(rule, typing, ByPredicate(), delta, _closure), _closure);
                    continue;
                }
                // The delta's type facts came with what cax-eqc1/2 conclude from them; see Reasoner.DeltaRows.
                if (EquivalentClassTypingEmitted(rule, atom)) continue;
                driving = DeltaRowsByObject(rule, atom, driving, from, to);
                if (driving.Count == 0) continue;
                // A schema fact implied by a more specific one need not join every instance fact again.
                if (atom == 0 && kind is { } k && _baseline is not null && _baselineKinds.Contains(k)) driving = ImpliedByBaseline(k, driving);
                if (driving.Count == 0) continue;
                if (atom == 0 && kind is { } k2 && redundancy is not null) driving = redundancy.Filter(k2, driving, _skippedDriving);
                if (driving.Count == 0) continue;
                if (priorLate is not null) driving = SomeValuesTypesToDrive(rule, atom, driving, priorLate);
                if (driving.Count == 0) continue;
                var limits = new int[rule.BodyAtoms];
                for (int other = 0; other < limits.Length; other++) limits[other] = other < atom ? from : to;
                AddChunks(tasks, rule, atom, driving, limits, _closure?.Masks);
            }
        }
        if (formsOverDelta) AddFormChunks(tasks, FormRows(ByPredicate()));
        _skippedLastPlan = redundancy?.Skipped ?? 0;
        return tasks;
    }

    private static readonly HashSet<string> FormRuleNames = ["prp-spo1", "prp-eqp1", "prp-eqp2", "prp-inv1", "prp-inv2", "prp-symp", "rdfs7"];

    /// <summary>A rule whose matches are a schema fact (atom 0) and any instance fact of its property (atom 1), all of which <see cref="_properties"/> covers.</summary>
    private bool IsFormRule(CompiledRule rule) =>
        _properties is not null && rule.BodyAtoms == 2 && rule.Body[4] < 0 && FormRuleNames.Contains(rule.Name);

    /// <summary>
    /// The property hierarchy closed over the rules that are on, or null: when too large, or when type facts
    /// (emitted without forms or domain types) would have some, or owl:sameAs facts (never stored).
    /// </summary>
    private PropertyClosure? BuildProperties(TypeClosure types)
    {
        bool owl = Profile == ReasoningProfile.Owl2Rl;
        var same = new List<(int, int)>();
        var flipped = new List<(int, int)>();
        if (Rules.Contains(owl ? "prp-spo1" : "rdfs7")) same.AddRange(Store.Pairs(Constant(new Iri(Rdfs + "subPropertyOf"))));
        if (owl)
        {
            var equivalent = Store.Pairs(Constant(new Iri(Owl + "equivalentProperty")));
            if (Rules.Contains("prp-eqp1")) same.AddRange(equivalent);
            if (Rules.Contains("prp-eqp2")) foreach (var (a, b) in equivalent) same.Add((b, a));
            var inverse = Store.Pairs(Constant(new Iri(Owl + "inverseOf")));
            if (Rules.Contains("prp-inv1")) flipped.AddRange(inverse);
            if (Rules.Contains("prp-inv2")) foreach (var (a, b) in inverse) flipped.Add((b, a));
            if (Rules.Contains("prp-symp"))
                foreach (int p in Store.Subjects(types.Type, Constant(new Iri(Owl + "SymmetricProperty")))) flipped.Add((p, p));
        }
        if (same.Count == 0 && flipped.Count == 0) return null;
        var closure = PropertyClosure.Build(same, flipped, _domainTyping, _rangeTyping);
        if (closure is null || closure.IsEmpty) return null;
        int type = types.Type;
        if (closure.Of(type) is not null || (EqualityEnabled && closure.Of(_sameAs) is not null)) return null;
        if ((_domainTyping && types.DomainOf(type) is not null) || (_rangeTyping && types.RangeOf(type) is not null)) return null;
        return closure;
    }

    /// <summary>The rows of <paramref name="byPredicate"/> whose predicate has other forms.</summary>
    private List<int> FormRows(Dictionary<int, List<int>> byPredicate)
    {
        var rows = new List<int>();
        foreach (var (p, group) in byPredicate)
            if (_properties!.Of(p) is not null) rows.AddRange(group);
        return rows;
    }

    /// <summary>Tasks emitting the other forms (with their types) of the facts of <paramref name="rows"/>.</summary>
    private void AddFormChunks(List<Action<DerivationBuffer>> tasks, List<int> rows)
    {
        string name = Profile == ReasoningProfile.Owl2Rl ? "prp-forms" : "rdfs7-forms";
        for (int start = 0; start < rows.Count; start += ChunkSize)
        {
            int from = start, to = Math.Min(rows.Count, start + ChunkSize);
            tasks.Add(buffer =>
            {
                for (int i = from; i < to; i++)
                {
                    if ((i & 1023) == 0) Cancellation.ThrowIfCancellationRequested();
                    buffer.EmitForms(Store.At(rows[i]), name);
                }
            });
        }
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
            if (Store.PredicateCount(p) == 0) return true;
            if (o >= 0 && body[at] < 0 && !Store.HasSubject(p, o)) return true;
        }
        return false;
    }

    /// <summary>
    /// The schema facts of <paramref name="rows"/> that <see cref="_baseline"/> does not imply. The others need not
    /// drive again after classes merge either: every type and instance fact held then had their conclusions, and
    /// the rewritten facts drive the rules in full as a delta that was not emitted with superclasses.
    /// </summary>
    private List<int> ImpliedByBaseline(SchemaRedundancy.Kind kind, List<int> rows)
    {
        var kept = new List<int>(rows.Count);
        foreach (int row in rows)
        {
            var fact = Store.At(row);
            bool implied = kind switch
            {
                SchemaRedundancy.Kind.Domain => _baseline!.DomainImplies(fact.S, fact.O),
                SchemaRedundancy.Kind.Range => _baseline!.RangeImplies(fact.S, fact.O),
                _ => _baseline!.ClassImplies(fact.S, fact.O),
            };
            if (!implied) kept.Add(row);
            else
            {
                _impliedLastPlan++;
                ImpliedDrivingFacts++;
            }
        }
        return kept;
    }

    /// <summary>A rule whose every conclusion other enabled rules conclude too (cls-int2 by scm-int and cax-sco, cls-uni by scm-uni and cax-sco).</summary>
    private bool Implied(CompiledRule rule) =>
        (rule.Name == "cls-int2" && _skipIntersectionTyping) || (rule.Name == "cls-uni" && _skipUnionTyping);

    /// <summary>The closed class hierarchy for this iteration, with the type masks synced to the store; null when too large.</summary>
    private TypeClosure? BuildClosure(int subClassOf, int domain, int range)
    {
        int type = Constant(RdfVocabulary.Type);
        if (_typeMasks is null || _typeMasks.Type != type) _typeMasks = new TypeMasks(type);
        // scm-int and scm-uni state subclass facts with no body: the hierarchy holds them from the start.
        var extra = new List<(int, int)>();
        foreach (var rule in _listInstances.Values)
        {
            if (rule.BodyAtoms != 0 || rule.Name is not ("scm-int" or "scm-uni")) continue;
            var head = rule.Head;
            for (int at = 0; at < head.Length; at += 3)
                if (head[at + 1] == subClassOf && head[at] >= 0 && head[at + 2] >= 0) extra.Add((head[at], head[at + 2]));
        }
        _typeMasks.EnsureTerms(Terms.Count);
        // Subclass facts a rule with a one-fact body concludes: the hierarchy holds them as soon as that fact is there.
        bool owl = Profile == ReasoningProfile.Owl2Rl;
        void Typed(string rule, Iri typeClass, Iri super)
        {
            if (!Rules.Contains(rule)) return;
            int c = Constant(typeClass), d = Constant(super);
            foreach (int s in Store.Subjects(type, c)) extra.Add((s, d));
        }
        if (owl)
        {
            Typed("scm-cls", new Iri(Owl + "Class"), new Iri(Owl + "Thing"));
            if (Rules.Contains("scm-eqc1"))
                foreach (var (a, b) in Store.Pairs(Constant(new Iri(Owl + "equivalentClass"))))
                {
                    extra.Add((a, b));
                    extra.Add((b, a));
                }
        }
        else
        {
            Typed("rdfs8", new Iri(Rdfs + "Class"), new Iri(Rdfs + "Resource"));
            Typed("rdfs13", new Iri(Rdfs + "Datatype"), new Iri(Rdfs + "Literal"));
        }
        // Domains and ranges pass down sub-properties by scm-dom2/scm-rng2 (RDFS: rdfs7 then rdfs2/rdfs3).
        var subProperties = Store.Pairs(Constant(new Iri(Rdfs + "subPropertyOf")));
        var domainEdges = Rules.Contains(owl ? "scm-dom2" : "rdfs7") ? subProperties : [];
        var rangeEdges = Rules.Contains(owl ? "scm-rng2" : "rdfs7") ? subProperties : [];
        var closure = TypeClosure.Build(Store, _typeMasks, subClassOf, domain, range, extra, domainEdges, rangeEdges);
        if (!owl) return closure;
        closure = WithRestrictionEdges(closure, subClassOf, domain, range, extra, domainEdges, rangeEdges);
        if (closure is not null && Rules.Contains("cls-int1"))
            foreach (var rule in _listInstances.Values)
                if (rule.Name == "cls-int1") closure.FoldIntersection(rule);
        return closure;
    }

    private TypeClosure? WithRestrictionEdges(TypeClosure? closure, int subClassOf, int domain, int range, List<(int, int)> extra,
        IReadOnlyList<(int, int)> domainEdges, IReadOnlyList<(int, int)> rangeEdges)
    {
        // scm-svf1/2, scm-avf1/2 and scm-hv conclude subclass facts between restrictions from facts the
        // hierarchy already holds: their edges join it too, and it is closed again with them (a few rounds,
        // each on a small hierarchy). On LUBM this puts a graduate student's someValuesFrom GraduateCourse
        // restriction under the someValuesFrom Course one of Student's intersection in the first iteration,
        // which is what saves an iteration.
        for (int round = 0; round < RestrictionRounds && closure is not null; round++)
        {
            int before = extra.Count;
            AddRestrictionEdges(closure, subClassOf, extra);
            if (extra.Count == before) break;
            closure = TypeClosure.Build(Store, _typeMasks!, subClassOf, domain, range, extra, domainEdges, rangeEdges);
        }
        return closure;
    }

    /// <summary>Rounds of <see cref="AddRestrictionEdges"/> per plan: each reaches one restriction further.</summary>
    private const int RestrictionRounds = 3;

    /// <summary>Above this many restrictions on one property or filler the restriction edges are left to the rules.</summary>
    private const int RestrictionGroupLimit = 256;

    /// <summary>
    /// Adds to <paramref name="extra"/> the subclass facts between restrictions that scm-svf1, scm-avf1 (fillers
    /// that are subclasses, by <paramref name="closure"/> when scm-sco closes paths, else as held), scm-svf2,
    /// scm-avf2 and scm-hv (properties that are sub-properties, as held) conclude and <paramref name="closure"/>
    /// does not imply yet. Only for the rules that are on; each edge is a fact its rule derives.
    /// </summary>
    private void AddRestrictionEdges(TypeClosure closure, int subClassOf, List<(int, int)> extra)
    {
        int onProperty = Constant(new Iri(Owl + "onProperty"));
        if (Store.PredicateCount(onProperty) == 0) return;
        int type = closure.Type, owlClass = Constant(new Iri(Owl + "Class")), subPropertyOf = Constant(new Iri(Rdfs + "subPropertyOf"));
        bool transitive = Rules.Contains("scm-sco"), reflexive = Rules.Contains("scm-cls");
        bool SubClass(int y1, int y2) =>
            Store.Contains(new Fact(y1, subClassOf, y2))
            || (y1 != y2 ? transitive && closure.ClassImplies(y1, y2) : reflexive && Store.Contains(new Fact(y1, type, owlClass)));
        var properties = new Dictionary<int, List<int>>();
        foreach (var (c, p) in Store.Pairs(onProperty))
        {
            if (!properties.TryGetValue(c, out var list)) properties[c] = list = new List<int>();
            list.Add(p);
        }
        void Restrictions(string fillerRule, string propertyRule, string filler, bool reversed)
        {
            bool byFiller = Rules.Contains(fillerRule), byProperty = propertyRule.Length > 0 && Rules.Contains(propertyRule);
            if (!byFiller && !byProperty) return;
            // (restriction, property, filler) triples of this kind.
            var all = new List<(int C, int P, int Y)>();
            foreach (var (c, y) in Store.Pairs(Constant(new Iri(Owl + filler))))
                if (properties.TryGetValue(c, out var ps))
                    foreach (int p in ps) all.Add((c, p, y));
            void Edge(int c1, int c2)
            {
                if (reversed) (c1, c2) = (c2, c1);
                if (c1 != c2 && !closure.ClassImplies(c1, c2)) extra.Add((c1, c2));
            }
            if (byFiller)
                foreach (var group in all.GroupBy(r => r.P))
                {
                    var members = group.ToList();
                    if (members.Count > RestrictionGroupLimit) continue;
                    foreach (var a in members)
                        foreach (var b in members)
                            if (a.C != b.C && SubClass(a.Y, b.Y)) Edge(a.C, b.C);
                }
            if (byProperty)
                foreach (var group in all.GroupBy(r => r.Y))
                {
                    var members = group.ToList();
                    if (members.Count > RestrictionGroupLimit) continue;
                    foreach (var a in members)
                        foreach (var b in members)
                            if (a.C != b.C && Store.Contains(new Fact(a.P, subPropertyOf, b.P))) Edge(a.C, b.C);
                }
        }
        Restrictions("scm-svf1", "scm-svf2", "someValuesFrom", reversed: false);
        Restrictions("scm-avf1", "", "allValuesFrom", reversed: false);
        Restrictions("", "scm-avf2", "allValuesFrom", reversed: true);
        Restrictions("", "scm-hv", "hasValue", reversed: false);
    }

    /// <summary>
    /// Tasks emitting the types a prp-dom, prp-rng or cax-sco (rdfs2, rdfs3, rdfs9) match gives, driven by the
    /// instance facts of <paramref name="rows"/>: the closed set of the fact's predicate's domains (its
    /// subject's types), ranges (its object's), or of its class, at once. This covers every match of the
    /// rule with the fact, and what cax-sco then adds.
    /// </summary>
    private void AddTypingChunks(List<Action<DerivationBuffer>> tasks, string rule, SchemaRedundancy.Kind kind, List<int> rows, TypeClosure closure)
    {
        for (int start = 0; start < rows.Count; start += ChunkSize)
        {
            int from = start, to = Math.Min(rows.Count, start + ChunkSize);
            tasks.Add(buffer => EmitTypes(buffer, rule, kind, rows, from, to, closure));
        }
    }

    private void EmitTypes(DerivationBuffer buffer, string rule, SchemaRedundancy.Kind kind, List<int> rows, int from, int to, TypeClosure closure)
    {
        for (int i = from; i < to; i++)
        {
            if ((i & 1023) == 0) Cancellation.ThrowIfCancellationRequested();
            var fact = Store.At(rows[i]);
            switch (kind)
            {
                case SchemaRedundancy.Kind.Domain:
                    if (closure.DomainOf(fact.P) is { } domains) buffer.EmitTypes(fact.S, domains, rule);
                    break;
                case SchemaRedundancy.Kind.Range:
                    if (closure.RangeOf(fact.P) is { } ranges) buffer.EmitTypes(fact.O, ranges, rule);
                    break;
                default:
                    if (fact.P == closure.Type && closure.Of(fact.O) is { } classes) buffer.EmitTypes(fact.S, classes, rule);
                    break;
            }
        }
    }

    /// <summary>
    /// The rows grouped by predicate, each group in row order. A plan groups the whole store (1.3M rows for
    /// LUBM(10)) on its first iteration: predicates are few, so a small direct-mapped cache in front of the
    /// dictionaries answers almost every row, and a counting pass sizes each group's list exactly, so no list
    /// grows (and copies) while filling.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Dictionary<int, List<int>> GroupByPredicate(List<int> rows)
    {
        const int Ways = 256;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        var counts = new Dictionary<int, int>();
        var tags = new int[Ways];
        var tally = new int[Ways];
        Array.Fill(tags, -1);
        void Evict(int way)
        {
            if (tags[way] < 0) return;
            counts[tags[way]] = counts.GetValueOrDefault(tags[way]) + tally[way];
        }
        foreach (int row in span)
        {
            int p = Store.At(row).P;
            int way = p & (Ways - 1);
            if (tags[way] != p)
            {
                Evict(way);
                tags[way] = p;
                tally[way] = 0;
            }
            tally[way]++;
        }
        for (int way = 0; way < Ways; way++) Evict(way);
        // Filled in first-seen order, as the plan's enumeration of the groups depends on it.
        var groups = new Dictionary<int, List<int>>(counts.Count);
        var lists = new List<int>?[Ways];
        Array.Fill(tags, -1);
        foreach (int row in span)
        {
            int p = Store.At(row).P;
            int way = p & (Ways - 1);
            if (tags[way] != p)
            {
                tags[way] = p;
                if (!groups.TryGetValue(p, out var list)) groups[p] = list = new List<int>(counts[p]);
                lists[way] = list;
            }
            lists[way]!.Add(row);
        }
        return groups;
    }

    private List<int> Matching(CompiledRule rule, int atom, Dictionary<int, List<int>> byPredicate, List<int> all)
    {
        int p = rule.Body[atom * 3 + 1];
        if (p >= 0) return byPredicate.TryGetValue(p, out var list) ? list : [];
        var allowed = AllowedPredicates(rule, p);
        if (allowed is null) return all;
        var matching = new List<int>();
        foreach (int predicate in allowed)
            if (byPredicate.TryGetValue(predicate, out var group)) matching.AddRange(group);
        return matching;
    }

    /// <summary>
    /// The instance facts a typing pass of <paramref name="kind"/> drives: for domains and ranges, those of every
    /// predicate with a closed domain (range) set, which takes in the sets scm-dom2 (scm-rng2) carries down
    /// from super-properties. Those need not be held yet as the predicate's own rdfs:domain facts, so
    /// <see cref="Matching"/>, which joins on the held facts, would miss them when no sub-property rule
    /// lifts the instance fact to its super-property. With that rule on, the lifted fact is typed under the
    /// super-property, so the facts of predicates with held domain (range) facts suffice.
    /// </summary>
    private List<int> TypingRows(CompiledRule rule, SchemaRedundancy.Kind kind, Dictionary<int, List<int>> byPredicate, List<int> all, TypeClosure closure)
    {
        // With the sub-property rule on, a sub-property's fact is lifted and typed under the super-property.
        if (kind == SchemaRedundancy.Kind.SubClass || _liftsSubProperties) return Matching(rule, 1, byPredicate, all);
        var rows = new List<int>();
        foreach (var (predicate, group) in byPredicate)
            if ((kind == SchemaRedundancy.Kind.Domain ? closure.DomainOf(predicate) : closure.RangeOf(predicate)) is not null) rows.AddRange(group);
        return rows;
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
            int constantPredicate = body[at + 1];
            if (constantPredicate < 0) continue;
            if (body[at + 2] == variable && body[at] != variable)
            {
                var objects = new HashSet<int>();
                if (body[at] >= 0) objects.UnionWith(Store.Objects(constantPredicate, body[at]));
                else foreach (var (_, o) in Store.Pairs(constantPredicate)) objects.Add(o);
                return objects;
            }
            if (body[at] != variable) continue;
            if (body[at + 2] >= 0) return [.. Store.Subjects(constantPredicate, body[at + 2])];
            var allowed = new HashSet<int>();
            foreach (var (s, _) in Store.Pairs(constantPredicate)) allowed.Add(s);
            return allowed;
        }
        return null;
    }

    /// <param name="masks">Type masks synced for this iteration (see <see cref="RuleEvaluator"/>), or null.</param>
    private void AddChunks(List<Action<DerivationBuffer>> tasks, CompiledRule rule, int atom, List<int> rows, int[]? limits, TypeMasks? masks = null)
    {
        for (int start = 0; start < rows.Count; start += ChunkSize)
        {
            int from = start, to = Math.Min(rows.Count, start + ChunkSize);
            tasks.Add(buffer => new RuleEvaluator(Store, rule, buffer, limits, Cancellation, masks).WithAtomFrom(atom, rows, from, to));
        }
    }

    /// <summary>Runs the tasks (in parallel when enabled), each into its own buffer; <paramref name="known"/> filters out facts already held.</summary>
    private List<DerivationBuffer> Run(List<Action<DerivationBuffer>> tasks, FactStore? known)
    {
        var buffers = new DerivationBuffer[tasks.Count];
        // One cache of judged facts per worker, for this phase only (the store changes after it).
        if (_parallel && tasks.Count > 1)
        {
            System.Threading.Tasks.Parallel.For(0, tasks.Count, new ParallelOptions { CancellationToken = Cancellation },
                () => new RecentFacts(),
                (i, _, recent) =>
                {
                    buffers[i] = new DerivationBuffer(known, recent, _closure, _properties);
                    tasks[i](buffers[i]);
                    return recent;
                },
                _ => { });
        }
        else
        {
            var recent = new RecentFacts();
            for (int i = 0; i < tasks.Count; i++)
            {
                Cancellation.ThrowIfCancellationRequested();
                buffers[i] = new DerivationBuffer(known, recent, _closure, _properties);
                tasks[i](buffers[i]);
            }
        }
        return [.. buffers];
    }

    /// <summary>
    /// Adds the buffers' facts to the store (they become the next delta), merging classes on owl:sameAs. The
    /// owl:sameAs facts are applied first, so the others are rewritten to the classes as they end up; a fact
    /// rewritten with an older class is fixed by <see cref="RewriteToRepresentatives()"/> anyway.
    /// </summary>
    /// <returns>Whether equivalence classes merged (and the store was rewritten to them).</returns>
    private bool Merge(List<DerivationBuffer> buffers)
    {
        bool merged = false;
        int total = 0;
        foreach (var buffer in buffers) total += buffer.Facts.Count;
        var pending = new Fact[total];
        int n = 0;
        foreach (var buffer in buffers)
            foreach (var fact in buffer.Facts)
            {
                if (fact.P == _sameAs && EqualityEnabled)
                {
                    if (fact.S != fact.O && Equal.Union(fact.S, fact.O)) merged = true;
                    continue;
                }
                pending[n++] = fact;
            }
        Cancellation.ThrowIfCancellationRequested();
        if (Equal.HasMerges)
            for (int i = 0; i < n; i++) pending[i] = Rewrite(pending[i]);
        int mark = Store.RowCount;
        Store.AddBatch(pending.AsSpan(0, n), _parallel);
        if (AddedLog is not null)
            foreach (int row in Store.LiveRows(mark, Store.RowCount)) AddedLog.Add(Store.At(row));
        if (merged)
        {
            _equalityChanged = true;
            RewriteToRepresentatives();
        }
        return merged;
    }

    /// <summary>After classes merged: facts naming a non-representative are replaced by their rewrite (appended, so they are in the delta).</summary>
    private void RewriteToRepresentatives()
    {
        // Classes and resources change numbers: the masks are rebuilt from the rewritten store, and the first
        // iteration's closure no longer describes it.
        _typeMasks = null;
        _baseline = null;
        CompileTableRules();
        _listInstances.Clear();
        var stale = Store.All().Where(f => Rewrite(f) != f).ToList();
        // Facts skipped as driving atoms were judged redundant on the hierarchy before the merge: they
        // drive again (as a new row, in the next delta) and are judged afresh.
        foreach (var fact in _skippedDriving)
            if (Rewrite(fact) == fact && Store.Contains(fact)) stale.Add(fact);
        _skippedDriving.Clear();
        foreach (var fact in stale) RemoveFact(fact);
        foreach (var fact in stale)
        {
            var rep = Rewrite(fact);
            if (Store.Add(rep)) AddedLog?.Add(rep);
        }
    }

    /// <summary>Every constraint rule evaluated over the final closure, plus eq-diff2/3 on the classes.</summary>
    public List<(string Rule, int[] Terms, string Message)> FindInconsistencies()
    {
        var constraints = _tableRules.Concat(_listInstances.Values).Where(r => r.IsConstraint).ToList();
        var buffers = Run(constraints.Select<CompiledRule, Action<DerivationBuffer>>(r => b => new RuleEvaluator(Store, r, b, null, Cancellation).Everything()).ToList(), null);
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
        bool merges = Equal.HasMerges;
        int seen = 0;
        foreach (var rep in Store.All())
        {
            // A pass over millions of facts: Ctrl+C must not wait for its end.
            if ((++seen & 0xFFFF) == 0) Cancellation.ThrowIfCancellationRequested();
            if (!merges)
            {
                // No equivalence classes: every fact stands for itself.
                if (IsStorable(rep) && !Asserted.Contains(rep)) yield return rep;
                continue;
            }
            foreach (var fact in Expand(rep))
                if (IsStorable(fact) && !Asserted.Contains(fact)) yield return fact;
        }
        foreach (var members in Equal.Classes)
            foreach (var fact in SameAsClosure(members))
                if (IsStorable(fact) && !Asserted.Contains(fact)) yield return fact;
    }

    /// <summary>
    /// One pass over the closure: the storable triples not asserted go to <paramref name="derived"/> (as
    /// <see cref="DerivedTriples"/> yields them), the facts a store cannot hold as triples to
    /// <paramref name="premises"/>.
    /// </summary>
    public void SplitClosure(List<Fact> derived, List<Fact> premises)
    {
        if (Equal.HasMerges || !_parallel || Store.RowCount < 2 * SplitHalfMinimum)
        {
            SplitRows(0, Store.RowCount, derived, premises);
            return;
        }
        // Without equivalence classes every row stands for itself: two halves of the table split at once
        // (membership tests in the asserted set are random reads; reads may run in parallel), in row order.
        int middle = Store.RowCount / 2;
        var secondDerived = new List<Fact>(derived.Capacity / 2);
        var secondPremises = new List<Fact>();
        System.Threading.Tasks.Parallel.Invoke(
            () => SplitRows(0, middle, derived, premises),
            () => SplitRows(middle, Store.RowCount, secondDerived, secondPremises));
        derived.AddRange(secondDerived);
        premises.AddRange(secondPremises);
    }

    /// <summary>Below this many rows per half the split runs on one thread.</summary>
    private const int SplitHalfMinimum = 65_536;

    private void SplitRows(int from, int to, List<Fact> derived, List<Fact> premises)
    {
        bool merges = Equal.HasMerges;
        int assertedRows = _assertedRows;
        for (int row = from; row < to; row++)
        {
            // A pass over millions of facts: Ctrl+C must not wait for its end.
            if ((row & 0xFFFF) == 0) Cancellation.ThrowIfCancellationRequested();
            if (!Store.IsLive(row)) continue;
            var rep = Store.At(row);
            if (!merges)
            {
                if (!IsStorable(rep)) premises.Add(rep);
                else if (assertedRows >= 0 ? row >= assertedRows : !Asserted.Contains(rep)) derived.Add(rep);
                continue;
            }
            foreach (var fact in Expand(rep))
            {
                if (!IsStorable(fact)) premises.Add(fact);
                else if (!Asserted.Contains(fact)) derived.Add(fact);
            }
        }
        if (!merges || to != Store.RowCount) return;
        foreach (var members in Equal.Classes)
            foreach (var fact in SameAsClosure(members))
                if (IsStorable(fact) && !Asserted.Contains(fact)) derived.Add(fact);
    }

    public void ResetEqualityFlag() => _equalityChanged = false;

    /// <summary>Removes a fact from the store, keeping the type masks in step.</summary>
    private void RemoveFact(in Fact fact)
    {
        if (Store.Remove(fact)) _typeMasks?.Removed(fact);
    }
}
