using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Evaluation.Operators;
using TripleStore.Sparql.Optimizer;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Compiles algebra into operators. Every operator joins its pattern with its input solution; the
/// compiler passes bindings down (index nested loops) wherever that gives the same answer as joining
/// afterwards, and otherwise evaluates the part independently (hash joins, <see cref="WrapNode"/>).
/// The decision uses the variables the input may bind, known statically.
/// </summary>
internal sealed class PlanCompiler
{
    private readonly VariableTable _vars;
    private readonly ExpressionCompiler _expressions;
    private bool _substituting;
    // Slots that carry the active graph of GRAPH ?g patterns: internal, never a shared variable for MINUS.
    private readonly HashSet<int> _hiddenGraphSlots = new();
    // Slots assigned by BIND, SELECT expressions and aggregates: BNODE(label) keys its scope on the rest.
    private readonly HashSet<int> _assignedSlots = new();

    public PlanCompiler(VariableTable vars, IReadOnlyDictionary<string, Term>? parameters)
    {
        _vars = vars;
        _expressions = new ExpressionCompiler(vars, CompileExists, parameters, _assignedSlots);
    }

    public PlanNode Compile(GraphPattern pattern, IReadOnlySet<string> inputVariables)
    {
        // Pre-bound parameters mean "as if the value were written in place of the variable", even where
        // the variable is not projected or sits in a subquery: substitution, as for EXISTS, not a join.
        _substituting = inputVariables.Count > 0;
        try { return Compile(pattern, inputVariables, GraphSpec.Default); }
        finally { _substituting = false; }
    }

    public Evaluable CompileExpression(Expression e) => _expressions.Compile(e);

    // EXISTS substitutes the current solution into its pattern (section 18.6), which is what passing
    // the solution down as input does; so inside EXISTS nothing is evaluated independently.
    private GraphSpec _existsGraph = GraphSpec.Default;

    private PlanNode CompileExists(GraphPattern pattern)
    {
        bool saved = _substituting;
        _substituting = true;
        try { return Compile(pattern, new HashSet<string>(), _existsGraph); }
        finally { _substituting = saved; }
    }

    private PlanNode Compile(GraphPattern p, IReadOnlySet<string> m, GraphSpec graph)
    {
        if (!_substituting && NeedsWrap(p, m))
        {
            var inner = Compile(p, new HashSet<string>(), graph);
            return new WrapNode(inner, graph.Kind == GraphSpecKind.Variable ? graph.Slot : -1);
        }
        var savedGraph = _existsGraph;
        _existsGraph = graph;
        try { return CompileDirect(p, m, graph); }
        finally { _existsGraph = savedGraph; }
    }

    private PlanNode CompileDirect(GraphPattern p, IReadOnlySet<string> m, GraphSpec graph)
    {
        switch (p)
        {
            case BgpPattern bgp:
                if (bgp.IsEmpty) return new IdentityNode();
                return new BgpNode(bgp.Patterns.Select(CompileTriple).ToArray(), graph, string.Join(" . ", bgp.Patterns));
            case PathPattern path:
                return new PathNode(Slot(path.Subject), path.Path, Slot(path.Object), graph, path.ToString());
            case JoinPattern join:
                return CompileJoin(join, m, graph);
            case LeftJoinPattern lj:
            {
                var left = Compile(lj.Left, m, graph);
                var m2 = Union(m, lj.Left.InScopeVariables());
                var filter = lj.Filter is null ? null : _expressions.Compile(lj.Filter);
                if (Pushable(lj.Right, m2))
                    return new LeftJoinNode(left, Compile(lj.Right, m2, graph), filter, hashed: false, Array.Empty<int>());
                return new LeftJoinNode(left, Compile(lj.Right, m, graph), filter, hashed: true, KeySlots(lj.Left, lj.Right));
            }
            case UnionPattern u:
                return new UnionNode(Compile(u.Left, m, graph), Compile(u.Right, m, graph));
            case FilterPattern { Inner: BgpPattern { IsEmpty: false } fb } f when !ContainsExists(f.Condition):
                return CompileFilteredBgp(fb, f.Condition, m, graph);
            case FilterPattern f:
                return new FilterNode(Compile(f.Inner, m, graph), _expressions.Compile(f.Condition), f.Condition.ToString());
            case ExtendPattern e:
                _assignedSlots.Add(_vars.Slot(e.Variable));
                return new ExtendNode(Compile(e.Inner, m, graph), _vars.Slot(e.Variable), _expressions.Compile(e.Expression), $"?{e.Variable} := {e.Expression}");
            case MinusPattern minus:
                return new MinusNode(Compile(minus.Left, m, graph), Compile(minus.Right, new HashSet<string>(), graph), KeySlots(minus.Left, minus.Right), _hiddenGraphSlots);
            case NamedGraphPattern g:
            {
                if (g.Graph.Term is { } name)
                {
                    if (g.Inner is BgpPattern { IsEmpty: true }) return new GraphExistsNode(name);
                    return Compile(g.Inner, m, new GraphSpec(GraphSpecKind.Fixed, name));
                }
                int slot = _vars.Slot(g.Graph.Variable!);
                int hidden = _vars.Slot(".graph" + _vars.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                _hiddenGraphSlots.Add(hidden);
                var inner = Compile(g.Inner, m, new GraphSpec(GraphSpecKind.Variable, null, hidden));
                var body = BindsGraphThroughLeaves(g.Inner) ? inner : new GraphIterateNode(hidden, inner);
                return new GraphBindNode(slot, hidden, body);
            }
            case ValuesPattern v:
                return new ValuesNode(v.VariableNames.Select(_vars.Slot).ToArray(), v.Rows.ToArray());
            case ServicePattern s:
                return CompileService(s);
            case GroupPattern g:
            {
                var inner = Compile(g.Inner, m, graph);
                var keys = g.Keys.Select(k => _expressions.Compile(k.Expression)).ToArray();
                var keySlots = g.Keys.Select(k => _vars.Slot(k.Variable!)).ToArray();
                var aggs = g.Aggregates.Select(a => new AggregateSpec(a.Aggregate.Name, a.Aggregate.Distinct,
                    a.Aggregate.Argument is null ? null : _expressions.Compile(a.Aggregate.Argument), a.Aggregate.Separator, _vars.Slot(a.Variable))).ToArray();
                return new GroupNode(inner, keys, keySlots, aggs, string.Join(", ", g.Keys.Select(k => k.Expression)) + (g.Aggregates.Count > 0 ? "; " + string.Join(", ", g.Aggregates.Select(a => a.Aggregate)) : ""));
            }
            case OrderByPattern o:
                return new OrderByNode(Compile(o.Inner, m, graph), o.Conditions.Select(c => _expressions.Compile(c.Expression)).ToArray(),
                    o.Conditions.Select(c => c.Descending).ToArray(), string.Join(", ", o.Conditions.Select(c => (c.Descending ? "DESC " : "") + c.Expression)));
            case ProjectPattern pr:
                return new ProjectNode(Compile(pr.Inner, m, graph), pr.Projection.Select(_vars.Slot).ToArray(), string.Join(" ", pr.Projection.Select(v => "?" + v)));
            case DistinctPattern d:
                return new DistinctNode(Compile(d.Inner, m, graph));
            case ReducedPattern r:
                return new ReducedNode(Compile(r.Inner, m, graph));
            case SlicePattern s:
            {
                var inner = Compile(s.Inner, m, graph);
                if (s.Limit is { } limit && FindOrderBy(inner) is { } order) order.TopK = s.Offset + limit;
                else if (s.Limit is { } distinctLimit && inner is DistinctNode { Children: [ProjectNode { Children: [OrderByNode under] } project] })
                {
                    // Top k distinct rows: the sort keeps the first row of each projected value, k of them.
                    under.TopK = s.Offset + distinctLimit;
                    under.DistinctSlots = project.Slots;
                }
                return new SliceNode(inner, s.Offset, s.Limit);
            }
        }
        throw new NotSupportedException(p.GetType().Name);
    }

    /// <summary>
    /// A filter over a BGP: each conjunct whose variables all occur in the BGP is checked inside it, right
    /// after the step that binds them (every BGP solution binds all its variables, so the conjunct sees
    /// the same values it would see on the whole solution); the rest filter the BGP's output.
    /// </summary>
    private PlanNode CompileFilteredBgp(BgpPattern bgp, Expression condition, IReadOnlySet<string> m, GraphSpec graph)
    {
        var bgpVars = new HashSet<string>(bgp.Variables(), StringComparer.Ordinal);
        var inside = new List<BgpFilter>();
        var insideExpressions = new List<Expression>();
        var outside = new List<Expression>();
        foreach (var c in Conjuncts(condition))
        {
            var vars = c.Variables().ToList();
            if (vars.All(bgpVars.Contains))
            {
                inside.Add(new BgpFilter(_expressions.Compile(c), vars.Select(_vars.Slot).ToArray(), c.ToString(),
                    ObjectRangeBound.From(c, _vars.Slot, _expressions.Compile),
                    FilterSelectivity.Classify(c)?.Selectivity ?? FilterSelectivity.Unknown, ParallelFilteredScan.IsConcurrent(c),
                    (IdFilter?)IdComparison.From(c, _vars.Slot) ?? IdSubstring.From(c, _vars.Slot)));
                insideExpressions.Add(c);
            }
            else
                outside.Add(c);
        }
        PlanNode node = new BgpNode(bgp.Patterns.Select(CompileTriple).ToArray(), graph, string.Join(" . ", bgp.Patterns), inside.ToArray());
        // The alternatives are costed once per run without the input's values: only where there is no input.
        if (m.Count == 0 && !_substituting && graph.Kind != GraphSpecKind.Variable)
            node = WithSeedChoices(bgp, insideExpressions, inside, node, graph);
        if (outside.Count > 0)
        {
            var rest = outside.Aggregate((a, b) => new FunctionCallExpression("&&", new[] { a, b }));
            node = new FilterNode(node, _expressions.Compile(rest), rest.ToString());
        }
        return node;
    }

    /// <summary>
    /// Offers, next to the plain BGP, a plan per selective filter that first scans the pattern binding
    /// the filtered variable (with the single-row patterns, constant subject and predicate, that bind
    /// the filter's other variables), filters there, and joins the rest by lookups. <see cref="SeedChoiceNode"/>
    /// picks one per run from the store's estimates.
    /// </summary>
    private PlanNode WithSeedChoices(BgpPattern bgp, List<Expression> conjuncts, List<BgpFilter> filters, PlanNode whole, GraphSpec graph)
    {
        var restricted = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var costFilters = new CostFilter[conjuncts.Count];
        for (int i = 0; i < conjuncts.Count; i++)
        {
            var guess = FilterSelectivity.Classify(conjuncts[i]);
            costFilters[i] = new CostFilter(filters[i].Slots, guess?.Selectivity ?? FilterSelectivity.Unknown);
            if (guess is { } g)
            {
                if (!restricted.TryGetValue(g.Variable, out var list)) restricted[g.Variable] = list = new List<int>();
                list.Add(i);
            }
        }
        var seeds = new List<SeedPlan>();
        foreach (var (variable, indexes) in restricted)
        {
            var seed = bgp.Patterns.FirstOrDefault(t => t.Object.IsVariable && t.Object.Variable == variable && !t.Predicate.IsVariable
                && t.Subject.IsVariable && t.Subject.Variable != variable);
            if (seed is null) continue;
            var first = new List<TriplePattern> { seed };
            var firstVars = new HashSet<string>(seed.Variables(), StringComparer.Ordinal);
            bool anyInside = false;
            foreach (int i in indexes)
            {
                var singles = new List<TriplePattern>();
                bool complete = true;
                foreach (var w in conjuncts[i].Variables())
                {
                    if (firstVars.Contains(w)) continue;
                    var single = bgp.Patterns.FirstOrDefault(t => !t.Subject.IsVariable && !t.Predicate.IsVariable && t.Object.IsVariable && t.Object.Variable == w);
                    if (single is null) { complete = false; break; }
                    singles.Add(single);
                }
                if (!complete) continue;
                foreach (var single in singles)
                    if (!first.Contains(single))
                    {
                        first.Add(single);
                        firstVars.UnionWith(single.Variables());
                    }
                anyInside = true;
            }
            if (!anyInside) continue;
            // The other filters' single-row patterns come along, so those filters also run on the scan's rows.
            foreach (var c in conjuncts)
                foreach (var w in c.Variables())
                    if (!firstVars.Contains(w)
                        && bgp.Patterns.FirstOrDefault(t => !t.Subject.IsVariable && !t.Predicate.IsVariable && t.Object.IsVariable && t.Object.Variable == w) is { } single)
                    {
                        first.Add(single);
                        firstVars.UnionWith(single.Variables());
                    }
            var rest = bgp.Patterns.Where(t => !first.Contains(t)).ToList();
            // A pattern with one variable that another remaining pattern joins on (a product's features,
            // when the scanned products must share one) is read once into a hash table instead of being
            // looked up for every scanned row.
            var probed = rest.Where(t => OnlyVariable(t) is { } w && !firstVars.Contains(w)
                && rest.Any(o => !ReferenceEquals(o, t) && o.Variables().Contains(w))).ToList();
            rest.RemoveAll(probed.Contains);
            if (rest.Count == 0) continue;
            var firstSlots = first.Select(CompileTriple).ToArray();
            var restSlots = rest.Select(CompileTriple).ToArray();
            var probedSlots = probed.Select(CompileTriple).ToArray();
            // One id join over every pattern, the scanned ones first: rows stay ids from the scan to the
            // end (no decoding between phases, no terms re-encoded per scanned row), each filter runs
            // right after the step that binds its last variable, and a pattern read once (the given
            // product's features) becomes an existence check that hashes once it has been probed enough.
            var all = first.Concat(rest).Concat(probed).ToList();
            PlanNode plan = new BgpNode([.. firstSlots, .. restSlots, .. probedSlots], graph, string.Join(" . ", all),
                filters.ToArray(), Enumerable.Range(0, first.Count).ToArray());
            seeds.Add(new SeedPlan(variable, firstSlots, restSlots, probedSlots, plan));
        }
        if (seeds.Count == 0) return whole;
        return new SeedChoiceNode(whole, bgp.Patterns.Select(CompileTriple).ToArray(), graph, costFilters, seeds.ToArray());
    }

    /// <summary>The variable of a pattern whose other two positions are constants, else null.</summary>
    private static string? OnlyVariable(TriplePattern t)
    {
        var vars = new[] { t.Subject, t.Predicate, t.Object }.Where(x => x.IsVariable).ToList();
        return vars.Count == 1 ? vars[0].Variable : null;
    }

    private static IEnumerable<Expression> Conjuncts(Expression e) =>
        e is FunctionCallExpression { Name: "&&", IsIri: false, Arguments.Count: 2 } and { Arguments: var a }
            ? Conjuncts(a[0]).Concat(Conjuncts(a[1]))
            : [e];

    private static bool ContainsExists(Expression e) => e switch
    {
        ExistsExpression => true,
        FunctionCallExpression f => f.Arguments.Any(ContainsExists),
        _ => false,
    };

    private static OrderByNode? FindOrderBy(PlanNode node) => node switch
    {
        OrderByNode o => o,
        ProjectNode or DistinctNode or ReducedNode => node.Children.Count == 1 && node is not DistinctNode ? FindOrderBy(node.Children[0]) : null,
        _ => null,
    };

    private ServiceNode CompileService(ServicePattern s)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        s.Inner.CollectVariables(n => names.Add(n));
        var variables = names.Where(n => !n.StartsWith('.')).Select(n => (n, _vars.Slot(n))).ToArray();
        return new ServiceNode(s.Silent, s.Endpoint.Term, s.Endpoint.Variable is { } v ? _vars.Slot(v) : -1,
            s.Endpoint.ToString(), s.QueryText, variables);
    }

    /// <summary>Solutions shipped to a SERVICE per request in a bind join.</summary>
    private const int ServiceBatchSize = 100;

    private PlanNode CompileJoin(JoinPattern join, IReadOnlySet<string> m, GraphSpec graph)
    {
        var left = join.Left;
        var right = join.Right;
        // Local side first, then its solutions go to the endpoint in batches (a bind join).
        if (left is ServicePattern && right is not ServicePattern) (left, right) = (right, left);
        if (right is ServicePattern { Endpoint.Term: not null } service && !NeedsWrap(left, m))
            return new ServiceJoinNode(Compile(left, m, graph), CompileService(service), ServiceBatchSize);
        // Put the side that can take bindings on the right, so it runs as an index join.
        if (!Pushable(right, Union(m, left.InScopeVariables())) && Pushable(left, Union(m, right.InScopeVariables())))
            (left, right) = (right, left);
        var l = Compile(left, m, graph);
        var m2 = Union(m, left.InScopeVariables());
        if (Pushable(right, m2)) return new NestedLoopJoinNode(l, Compile(right, m2, graph));
        return new HashJoinNode(l, Compile(right, m, graph), KeySlots(left, right));
    }

    private int[] KeySlots(GraphPattern left, GraphPattern right)
    {
        var certain = Certain(right);
        return left.InScopeVariables().Where(certain.Contains).Select(_vars.Slot).ToArray();
    }

    private SlotTriple CompileTriple(TriplePattern t) => new(Slot(t.Subject), Slot(t.Predicate), Slot(t.Object));

    private SlotTerm Slot(TermPattern t) => t.IsVariable ? new SlotTerm(null, _vars.Slot(t.Variable!)) : new SlotTerm(t.Term, -1);

    private static HashSet<string> Union(IReadOnlySet<string> m, IEnumerable<string> more)
    {
        var s = new HashSet<string>(m, StringComparer.Ordinal);
        s.UnionWith(more);
        return s;
    }

    /// <summary>
    /// True when passing an input that may bind <paramref name="m"/> into <paramref name="p"/> would
    /// change its meaning compared with joining afterwards.
    /// </summary>
    private static bool NeedsWrap(GraphPattern p, IReadOnlySet<string> m)
    {
        if (m.Count == 0) return false;
        switch (p)
        {
            case FilterPattern f:
                return !SubsetOfCertain(f.Condition.Variables(), m, f.Inner);
            case ExtendPattern e:
                return m.Contains(e.Variable) || !SubsetOfCertain(e.Expression.Variables(), m, e.Inner);
            case LeftJoinPattern lj:
            {
                var vars = lj.Right.Variables().ToList();
                if (lj.Filter is not null) vars.AddRange(lj.Filter.Variables());
                return !SubsetOfCertain(vars, m, lj.Left);
            }
            case MinusPattern minus:
                return !SubsetOfCertain(minus.Right.Variables(), m, minus.Left);
            case GroupPattern or OrderByPattern or ProjectPattern or DistinctPattern or ReducedPattern or SlicePattern:
                return p.Variables().Any(m.Contains);
            default:
                return false;
        }
    }

    private static bool SubsetOfCertain(IEnumerable<string> vars, IReadOnlySet<string> m, GraphPattern inner)
    {
        HashSet<string>? certain = null;
        foreach (var v in vars)
        {
            if (!m.Contains(v)) continue;
            certain ??= Certain(inner);
            if (!certain.Contains(v)) return false;
        }
        return true;
    }

    /// <summary>True when the pattern can run once per input solution, taking the bindings as input.</summary>
    private bool Pushable(GraphPattern p, IReadOnlySet<string> m)
    {
        if (!_substituting && NeedsWrap(p, m)) return false;
        return p switch
        {
            BgpPattern or PathPattern or ValuesPattern => true,
            JoinPattern j => Pushable(j.Left, m) && Pushable(j.Right, Union(m, j.Left.InScopeVariables())),
            UnionPattern u => Pushable(u.Left, m) && Pushable(u.Right, m),
            LeftJoinPattern lj => Pushable(lj.Left, m) && Pushable(lj.Right, Union(m, lj.Left.InScopeVariables())),
            FilterPattern f => Pushable(f.Inner, m),
            ExtendPattern e => Pushable(e.Inner, m),
            NamedGraphPattern g => Pushable(g.Inner, g.Graph.Variable is { } v ? Union(m, new[] { v }) : m),
            _ => false,
        };
    }

    /// <summary>The variables bound in every solution of the pattern.</summary>
    internal static HashSet<string> Certain(GraphPattern p)
    {
        switch (p)
        {
            case BgpPattern or PathPattern:
                return new HashSet<string>(p.Variables(), StringComparer.Ordinal);
            case JoinPattern j:
            {
                var s = Certain(j.Left);
                s.UnionWith(Certain(j.Right));
                return s;
            }
            case UnionPattern u:
            {
                var s = Certain(u.Left);
                s.IntersectWith(Certain(u.Right));
                return s;
            }
            case LeftJoinPattern lj: return Certain(lj.Left);
            case MinusPattern mi: return Certain(mi.Left);
            case FilterPattern f: return Certain(f.Inner);
            case ExtendPattern e: return Certain(e.Inner);
            case NamedGraphPattern g:
            {
                var s = Certain(g.Inner);
                if (g.Graph.Variable is { } v) s.Add(v);
                return s;
            }
            case ValuesPattern v:
                return new HashSet<string>(v.VariableNames.Where((_, i) => v.Rows.All(r => r[i] is not null)), StringComparer.Ordinal);
            case ProjectPattern pr:
            {
                var s = Certain(pr.Inner);
                s.IntersectWith(pr.Projection);
                return s;
            }
            case GroupPattern g:
                return new HashSet<string>(g.Keys.Where(k => k.Expression is VariableExpression ve && Certain(g.Inner).Contains(ve.Name)).Select(k => k.Variable!), StringComparer.Ordinal);
            case OrderByPattern o: return Certain(o.Inner);
            case DistinctPattern d: return Certain(d.Inner);
            case ReducedPattern r: return Certain(r.Inner);
            case SlicePattern sl: return Certain(sl.Inner);
            default: return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>True when every solution of the pattern comes from a quad match that binds the GRAPH variable.</summary>
    private static bool BindsGraphThroughLeaves(GraphPattern p) => p switch
    {
        BgpPattern b => !b.IsEmpty,
        PathPattern => true,
        JoinPattern j => BindsGraphThroughLeaves(j.Left) || BindsGraphThroughLeaves(j.Right),
        LeftJoinPattern lj => BindsGraphThroughLeaves(lj.Left),
        MinusPattern mi => BindsGraphThroughLeaves(mi.Left),
        UnionPattern u => BindsGraphThroughLeaves(u.Left) && BindsGraphThroughLeaves(u.Right),
        FilterPattern f => BindsGraphThroughLeaves(f.Inner),
        ExtendPattern e => BindsGraphThroughLeaves(e.Inner),
        _ => false,
    };
}
