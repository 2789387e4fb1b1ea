using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// A filtered BGP with alternative plans that start from a different pattern: the plain BGP (which
/// orders its patterns by match counts alone and never looks at the filter), and, for each selective
/// filter, a plan that scans the pattern binding the filtered variable first and checks the filter on
/// the scan, then joins the rest with index lookups. "REGEX over every label, then the type" scans one
/// range; "every product, then its label, then REGEX" does one lookup per product. The choice is made
/// per run from the store's estimates, with one cost model for all plans: a lookup per row entering a
/// step plus a tenth of that per row a step produces (scanned rows cost less than seeks).
/// </summary>
internal sealed class SeedChoiceNode(PlanNode whole, SlotTriple[] patterns, GraphSpec graph, CostFilter[] filters, SeedPlan[] seeds) : PlanNode
{
    /// <summary>The cost of producing a row from a range scan, relative to one index lookup.</summary>
    private const double ScannedRowCost = 0.1;

    private volatile string? _lastChoice;

    public override string Name => "SeedChoice";

    public override string? Detail => _lastChoice;

    public override IReadOnlyList<PlanNode> Children => [whole, .. seeds.Select(s => s.Plan)];

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var selector = graph.Selector(input, out _);
        var steps = new StepMemo();
        double best = Work(ctx, selector, [patterns], [], steps, out double rows);
        PlanNode chosen = whole;
        string choice = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"BGP order (cost {best:0.#})");
        foreach (var seed in seeds)
        {
            double cost = Work(ctx, selector, [seed.First, seed.Rest], seed.Probed, steps, out _);
            if (cost < best)
            {
                best = cost;
                chosen = seed.Plan;
                choice = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"scan for ?{seed.VariableName} first (cost {cost:0.#})");
            }
        }
        EstimatedRows = rows;
        _lastChoice = choice;
        return chosen.Execute(input, ctx);
    }

    /// <summary>
    /// The cost of evaluating the phases in turn, each ordered as a BGP orders itself (a pattern joined
    /// to what is bound before any other, then the fewest matches), with each filter's selectivity
    /// applied once its variables are bound. The <paramref name="probed"/> patterns are read once into a
    /// hash table and then only checked against.
    /// </summary>
    private double Work(EvaluationContext ctx, GraphSelector selector, SlotTriple[][] phases, SlotTriple[] probed, StepMemo steps, out double rows)
    {
        var bound = new HashSet<int>();
        var binders = new Dictionary<int, SlotTriple>();
        var pending = new List<CostFilter>(filters);
        double work = 0;
        rows = 1;
        foreach (var phase in phases)
        {
            var used = new bool[phase.Length];
            for (int k = 0; k < phase.Length; k++)
            {
                int best = -1;
                double bestStep = double.MaxValue;
                bool bestConnected = false;
                for (int i = 0; i < phase.Length; i++)
                {
                    if (used[i]) continue;
                    var p = phase[i];
                    bool connected = p.Positions.Any(x => x.IsVariable && bound.Contains(x.Slot)) || !p.Positions.Any(x => x.IsVariable);
                    double step = steps.Step(ctx, p, bound, binders, selector);
                    if (best < 0 || (connected && !bestConnected) || (connected == bestConnected && step < bestStep))
                    {
                        best = i;
                        bestStep = step;
                        bestConnected = connected;
                    }
                }
                used[best] = true;
                work += rows + ScannedRowCost * rows * bestStep;
                rows *= bestStep;
                foreach (var pos in phase[best].Positions)
                    if (pos.IsVariable && bound.Add(pos.Slot)) binders[pos.Slot] = phase[best];
                for (int f = pending.Count - 1; f >= 0; f--)
                    if (pending[f].Slots.All(bound.Contains))
                    {
                        rows *= pending[f].Selectivity;
                        pending.RemoveAt(f);
                    }
            }
        }
        foreach (var p in probed)
        {
            work += 1 + ScannedRowCost * ctx.Source.EstimateCount(p.Subject.Constant, p.Predicate.Constant, p.Object.Constant, selector);
            rows *= 0.5;
        }
        return work;
    }

    /// <summary>
    /// <see cref="Step"/> remembered for one choice: ordering a phase asks for every pattern's step again
    /// after each pick, and every alternative plan asks for the same patterns, while a step depends only on
    /// the pattern, which of its variables are bound, and (for the exact fan-out) the pattern that bound
    /// the one that is. Asking again repeated the store's count reads and the binder's enumeration.
    /// </summary>
    private sealed class StepMemo
    {
        private readonly Dictionary<(SlotTriple Pattern, int Bound, SlotTriple? Binder), double> _steps = new();

        public double Step(EvaluationContext ctx, SlotTriple p, HashSet<int> bound, Dictionary<int, SlotTriple> binders, GraphSelector selector)
        {
            int mask = 0;
            SlotTriple? binder = null;
            for (int i = 0; i < 3; i++)
            {
                var pos = p.Positions[i];
                if (!pos.IsVariable || !bound.Contains(pos.Slot)) continue;
                mask |= 1 << i;
                binder = binders.TryGetValue(pos.Slot, out var b) ? b : null;
            }
            // The binder matters only when exactly one position is bound (ExactFanout).
            if (mask is not (1 or 2 or 4)) binder = null;
            var key = (p, mask, binder);
            if (_steps.TryGetValue(key, out double step)) return step;
            step = SeedChoiceNode.Step(ctx, p, bound, binders, selector, this);
            _steps[key] = step;
            return step;
        }

        private readonly Dictionary<(SlotTriple Binder, int Position), List<Term>?> _binderValues = new();

        /// <summary>
        /// The values the binder gives its variable at <paramref name="position"/>, or null when it has more
        /// than <see cref="ExactFanoutValues"/>: read once per choice, though every pattern joined on them asks.
        /// </summary>
        public List<Term>? BinderValues(EvaluationContext ctx, SlotTriple binder, int position, GraphSelector selector)
        {
            if (_binderValues.TryGetValue((binder, position), out var known)) return known;
            var values = new List<Term>();
            foreach (var q in ctx.Source.Match(binder.Subject.Constant, binder.Predicate.Constant, binder.Object.Constant, selector))
            {
                if (values.Count == ExactFanoutValues)
                {
                    values = null;
                    break;
                }
                values.Add(position switch { 0 => q.Subject, 1 => q.Predicate, _ => q.Object });
            }
            _binderValues[(binder, position)] = values;
            return values;
        }
    }

    /// <summary>Expected matches of the pattern per row once the variables in <paramref name="bound"/> have values.</summary>
    private static double Step(EvaluationContext ctx, SlotTriple p, HashSet<int> bound, Dictionary<int, SlotTriple> binders, GraphSelector selector, StepMemo memo)
    {
        if (ExactFanout(ctx, p, bound, binders, selector, memo) is { } exact) return exact;
        bool ls = p.Subject.IsVariable && bound.Contains(p.Subject.Slot);
        bool lp = p.Predicate.IsVariable && bound.Contains(p.Predicate.Slot);
        bool lo = p.Object.IsVariable && bound.Contains(p.Object.Slot);
        var s = p.Subject.Constant;
        var pr = p.Predicate.Constant;
        var o = p.Object.Constant;
        if ((ls || s is not null) && (lp || pr is not null) && (lo || o is not null))
            return ls || lp || lo ? 0.5 : Math.Min(1, ctx.Source.EstimateCount(s, pr, o, selector));
        if (!ls && !lp && !lo) return ctx.Source.EstimateCount(s, pr, o, selector);
        double fanout = ctx.Source.EstimateFanout(s, pr, o, selector, ls, lp, lo);
        return fanout == 0 ? 0 : Math.Max(fanout, 1);
    }

    /// <summary>Values of a few-row pattern that are enumerated to size the pattern joined on them.</summary>
    private const int ExactFanoutValues = 64;

    /// <summary>
    /// When the one variable of <paramref name="p"/> that has a value comes from a pattern with a single
    /// variable and few matches (a product's features), the fan-out is averaged over those very values.
    /// Sampling the predicate's first matches instead misleads on skewed data: a top-level feature is
    /// shared by hundreds of products, the first features in the index by a handful.
    /// </summary>
    private static double? ExactFanout(EvaluationContext ctx, SlotTriple p, HashSet<int> bound, Dictionary<int, SlotTriple> binders, GraphSelector selector, StepMemo memo)
    {
        int later = -1;
        for (int i = 0; i < 3; i++)
        {
            var pos = p.Positions[i];
            if (!pos.IsVariable || !bound.Contains(pos.Slot)) continue;
            if (later >= 0) return null;
            later = i;
        }
        if (later < 0 || !binders.TryGetValue(p.Positions[later].Slot, out var binder)) return null;
        // With every other position constant the pattern is an existence check, costed as such.
        if (p.Positions.Where((pos, i) => i != later).All(pos => !pos.IsVariable)) return null;
        int slot = p.Positions[later].Slot;
        int binderPosition = -1;
        for (int i = 0; i < 3; i++)
        {
            var pos = binder.Positions[i];
            if (!pos.IsVariable) continue;
            if (pos.Slot != slot || binderPosition >= 0) return null;
            binderPosition = i;
        }
        var values = memo.BinderValues(ctx, binder, binderPosition, selector);
        if (values is null) return null;
        if (values.Count == 0) return 0;
        // Each count is a read of its own (a new store iterator), and a query's first run has none of
        // them remembered: count an evenly spaced sample of the values, not every one.
        int counted = Math.Min(values.Count, ExactFanoutCounted);
        double sum = 0;
        for (int k = 0; k < counted; k++)
        {
            var v = values[(int)((long)k * values.Count / counted)];
            sum += ctx.Source.EstimateCount(later == 0 ? v : p.Subject.Constant, later == 1 ? v : p.Predicate.Constant, later == 2 ? v : p.Object.Constant, selector);
        }
        return sum / counted;
    }

    /// <summary>At most this many of the enumerated values are counted, evenly spaced among them.</summary>
    private const int ExactFanoutCounted = 16;
}

/// <summary>A filter conjunct for costing: the slots it needs bound and the fraction of rows it keeps.</summary>
internal sealed record CostFilter(int[] Slots, double Selectivity);

/// <summary>
/// A plan that scans <see cref="First"/> (the pattern binding the filtered variable, with any
/// single-row patterns the filter also needs) before <see cref="Rest"/>, and joins the result with
/// <see cref="Probed"/> (patterns with one variable, read once) through a hash table.
/// </summary>
internal sealed record SeedPlan(string VariableName, SlotTriple[] First, SlotTriple[] Rest, SlotTriple[] Probed, PlanNode Plan);
