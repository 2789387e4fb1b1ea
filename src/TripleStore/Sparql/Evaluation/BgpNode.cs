using System.Collections.Concurrent;
using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A basic graph pattern evaluated as index nested loops: each triple pattern is matched with the
/// values bound so far. The order is chosen per set of bound variables from the source's estimates:
/// most selective first, and always a pattern connected to what is bound when there is one, so the
/// plan never builds an accidental cross product.
/// </summary>
internal sealed class BgpNode : PlanNode
{
    private readonly SlotTriple[] _patterns;
    private readonly GraphSpec _graph;
    private readonly ConcurrentDictionary<ulong, BgpPlan> _orders = new();
    private readonly string _text;
    private readonly BgpFilter[] _filters;
    private readonly bool[]? _lead;

    /// <param name="lead">
    /// When given, the patterns (indexes into <paramref name="patterns"/>) that run before all others, in
    /// the greedy order among themselves: a seed plan (<see cref="Operators.SeedChoiceNode"/>) that scans a
    /// filtered pattern first, with the rest of the BGP joined in the same id join.
    /// </param>
    public BgpNode(SlotTriple[] patterns, GraphSpec graph, string text, BgpFilter[]? filters = null, int[]? lead = null)
    {
        _patterns = patterns;
        _graph = graph;
        _filters = filters ?? [];
        _text = text + (_filters.Length == 0 ? "" : " FILTER " + string.Join(" && ", _filters.Select(f => f.Text)));
        if (lead is { Length: > 0 })
        {
            _lead = new bool[patterns.Length];
            foreach (int i in lead) _lead[i] = true;
        }
    }

    public override string Name => "BGP";

    public override string? Detail => _text + (_graph.Kind == GraphSpecKind.Default ? "" : " in " + _graph)
        + (LastPlan is { Steps.Length: > 1 } or { Steps: [{ ScannedInParallel: true }] } ? " " + LastPlan.Describe() : "");

    internal int[]? LastOrder => LastPlan?.Order;

    internal BgpPlan? LastPlan { get; private set; }

    /// <summary>
    /// A probe is a random index seek (measured: 3-5 µs, a point read searching the index of each level);
    /// building the table reads the pattern's range in order (0.2-0.4 µs per match, with the insert). A step
    /// is hashed when its probes are at least this fraction of the matches a scan would read. Switching
    /// only once the probes really made cost about what the build will (the "rent or buy" rule) keeps a
    /// wrong estimate within twice the better choice.
    /// </summary>
    internal const double ProbesPerScannedMatch = 0.1;

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var plan = OrderFor(input, ctx);
        LastPlan = plan;
        if (!Passes(plan.FiltersAt[0], input, ctx)) return [];
        if (plan.Steps.Length == 0) return [input];
        return Join(plan, input, ctx);
    }

    private static bool Passes(BgpFilter[] filters, Term?[] row, EvaluationContext ctx)
    {
        foreach (var f in filters)
            if (f.Condition.EvalBoolean(row, ctx) != true) return false;
        return true;
    }

    /// <summary>
    /// The join, over ids: input values and constants are encoded once, each step re-seeks its own cursor
    /// with the ids bound so far, bindings are ids (equal ids are equal terms), filters see only the
    /// variables they name, decoded, and a row is decoded only when it leaves the BGP.
    /// </summary>
    private static IEnumerable<Term?[]> Join(BgpPlan plan, Term?[] input, EvaluationContext ctx)
    {
        var source = ctx.Encoded;
        var constants = plan.ConstantsFor(source);
        if (constants is null) yield break;
        var ids = new NodeId[input.Length];
        foreach (int slot in plan.InputSlots)
            if (!source.TryEncode(input[slot]!, out ids[slot])) yield break;
        var steps = plan.Steps;
        int n = steps.Length;
        var cursors = new IQuadCursor?[n];
        var merge = plan.Merge is { } m ? OpenMerge(plan, m, ids, constants, ctx) : null;
        if (merge is not null)
        {
            cursors[0] = merge.Lead;
            for (int d = 1; d < plan.Merge!.Length; d++) cursors[d] = merge.Run(d);
        }
        var scratch = plan.HasFilters ? (Term?[])input.Clone() : null;
        (NodeId[] Ids, NodeRange[]? Ranges)?[]? lastRanges = null;
        try
        {
            // Only a run without input values (a BGP run once per query, not once per row of an outer
            // join): a read started ahead is work the in-line path might never do (when no row reaches the
            // check), and a run per outer row would start a thread per row.
            if (plan.InputSlots.Length == 0 && (ctx.Options.ParallelReads ?? Environment.ProcessorCount > 1))
                for (int d = plan.Merge?.Length ?? 0; d < n; d++) Prefetch(d);
            int depth = 0;
            if (steps[0].Parallel && merge is null
                && ParallelFilteredScan.Run(steps[0], steps[0].Pattern(ids, constants, 0), ids, input, source, ctx) is { } scanned)
            {
                cursors[0] = scanned;
                steps[0].ScannedInParallel = true;
            }
            else
            {
                steps[0].ScannedInParallel = false;
                Seek(0);
            }
            // A run without input values (once per query) over a source that decodes in batches hands its
            // rows out in batches decoded together once DecodeBatch.SingleRows have left one by one; a run per
            // outer row (EXISTS, nested loops) usually wants its first row only.
            bool batches = plan.InputSlots.Length == 0 && plan.OutputSlots.Length > 0 && source.DecodesInBatches;
            DecodeBatch? batch = null;
            int single = 0;
            while (depth >= 0)
            {
                if (!cursors[depth]!.Next(out var quad))
                {
                    depth--;
                    continue;
                }
                ctx.Tick();
                var step = steps[depth];
                if (!step.Bind(quad, ids)) continue;
                if (step.Filters.Length > 0 && !PassesDecoded(step, ids, scratch!, source, ctx)) continue;
                if (depth + 1 < n)
                {
                    depth++;
                    Seek(depth);
                    continue;
                }
                if (batch is null && batches && ++single > DecodeBatch.SingleRows) batch = new DecodeBatch(plan.OutputSlots, input);
                if (batch is not null)
                {
                    batch.Add(ids);
                    if (batch.IsFull)
                        foreach (var decoded in batch.Drain(source)) yield return decoded;
                    continue;
                }
                var row = (Term?[])input.Clone();
                foreach (int slot in plan.OutputSlots) row[slot] = source.Decode(ids[slot]);
                yield return row;
            }
            if (batch is { IsEmpty: false })
                foreach (var decoded in batch.Drain(source)) yield return decoded;
        }
        finally
        {
            if (merge is not null)
            {
                plan.MergeRows = merge.Rows;
                plan.MergeRan = true;
            }
            for (int d = 0; d < n; d++)
            {
                var inner = cursors[d] is IntersectionCursor ic ? ic.Driver : cursors[d];
                if (steps[d].Hash && inner is not null) steps[d].Hashed = inner is HashedStepCursor { Hashed: true };
                if (steps[d].Hash && inner is not null) steps[d].HashShared = inner is HashedStepCursor { Shared: true };
                if (steps[d].MemoKey >= 0 && inner is not null) steps[d].Memoized = inner is MemoCheckCursor { Probing: false };
                if (steps[d].Repeats && inner is not null) steps[d].Replayed = inner is RepeatedLookupCursor { Replays: > 0 };
                if (cursors[d] is IntersectionCursor done)
                {
                    steps[d].IntersectRead = done.Read;
                    steps[d].IntersectKept = done.Kept;
                    steps[d].IntersectWhole = done.Whole;
                    steps[d].IntersectReadAhead = done.ReadAhead;
                    steps[d].IntersectShared = done.Shared;
                }
                cursors[d]?.Dispose();
            }
        }

        void Seek(int depth)
        {
            var step = steps[depth];
            var pattern = step.Pattern(ids, constants, depth);
            if (step.ObjectBounds is not null) pattern.ObjectRanges = RangesAt(depth, step);
            if (step.Covered)
            {
                (cursors[depth] ??= new CoveredStepCursor()).Seek(pattern);
                return;
            }
            if (step.Checks.Length > 0)
            {
                var intersection = (IntersectionCursor)(cursors[depth] ??= OpenIntersection(step));
                var checks = new IdPattern[step.Checks.Length];
                for (int j = 0; j < checks.Length; j++)
                {
                    int e = step.Checks[j];
                    checks[j] = steps[e].Pattern(ids, constants, e);
                    switch (step.CheckPositions[j])
                    {
                        case 0: checks[j].HasSubject = false; break;
                        case 1: checks[j].HasPredicate = false; break;
                        default: checks[j].HasObject = false; break;
                    }
                }
                intersection.Seek(pattern, checks);
                return;
            }
            (cursors[depth] ??= OpenStep(step)).Seek(pattern);
        }

        IntersectionCursor OpenIntersection(BgpStep step) =>
            new(OpenStep(step), step.SharedPosition, step.CheckPositions, source, ctx, ctx.Options.IntersectionListCap, step.CheckKeyPositions, step.CheckScanSizes, step.CheckReadAll);

        // A check the planner reads whole (at its first list) does not depend on the rows before it when its
        // positions other than the key and the shared variable are constants: its read is
        // started on another thread now, so it overlaps the steps that lead up to it (LUBM Q9 reads all of
        // takesCourse while the faculty, their courses and the advisors are joined).
        void Prefetch(int depth)
        {
            var step = steps[depth];
            for (int j = 0; j < step.Checks.Length; j++)
            {
                if (j >= step.CheckReadAll.Length || !step.CheckReadAll[j] || step.CheckKeyPositions[j] < 0) continue;
                var check = steps[step.Checks[j]];
                bool fixedOtherwise = true;
                for (int i = 0; i < 4 && fixedOtherwise; i++)
                {
                    if (i == step.CheckPositions[j] || i == step.CheckKeyPositions[j]) continue;
                    fixedOtherwise = check.Kinds[i] is IdPositionKind.None or IdPositionKind.Constant;
                }
                if (!fixedOtherwise) continue;
                var intersection = (IntersectionCursor)(cursors[depth] ??= OpenIntersection(step));
                intersection.Prefetch(j, check.Pattern(ids, constants, step.Checks[j]));
            }
        }

        // The ranges of a range-scanned step depend only on the ids its bounds read: kept per depth for the
        // last such ids, so a run whose bounds do not change (BSBM Q5's band around one product's value)
        // computes them once, and a hashed step sees the same array it was built from.
        NodeRange[]? RangesAt(int depth, BgpStep step)
        {
            var last = (lastRanges ??= new (NodeId[] Ids, NodeRange[]? Ranges)?[n])[depth];
            if (last is { } kept)
            {
                bool same = true;
                for (int i = 0; i < step.ObjectBoundSlots.Length && same; i++) same = kept.Ids[i] == ids[step.ObjectBoundSlots[i]];
                if (same) return kept.Ranges;
            }
            var ranges = ObjectRanges(step, ids, scratch!, source, ctx);
            var key = new NodeId[step.ObjectBoundSlots.Length];
            for (int i = 0; i < key.Length; i++) key[i] = ids[step.ObjectBoundSlots[i]];
            lastRanges[depth] = (key, ranges);
            return ranges;
        }

        IQuadCursor OpenStep(BgpStep step) =>
            step.MemoKey >= 0 ? new MemoCheckCursor(step.MemoKey, step.MemoValue, step.MemoScanSize, source, ctx) :
            step.Hash ? new HashedStepCursor(source, step.Key, ctx.Options.MaxRowsInMemory, step.HashAfter, ctx, step.Exists) :
            step.Repeats ? new RepeatedLookupCursor(source.OpenCursor(), Math.Min(ctx.Options.MaxRowsInMemory, RepeatedLookupMemory), ctx.Options.RepeatedLookups == true) :
            source.OpenCursor();
    }

    /// <summary>The object ranges of a range-scanned step, from the values bound so far.</summary>
    private static NodeRange[]? ObjectRanges(BgpStep step, NodeId[] ids, Term?[] scratch, IEncodedQuadSource source, EvaluationContext ctx)
    {
        foreach (int slot in step.ObjectBoundSlots) scratch[slot] = source.Decode(ids[slot]);
        var ranges = ObjectRangeBound.Ranges(step.ObjectBounds!, scratch, ctx, source);
        foreach (int slot in step.ObjectBoundSlots) scratch[slot] = null;
        return ranges;
    }

    /// <summary>
    /// The merge of the plan's first steps, or null when the source cannot scan in id order (the steps
    /// then run as index lookups, with the same answers).
    /// </summary>
    private static MergeGroup? OpenMerge(BgpPlan plan, MergeChoice choice, NodeId[] ids, NodeId[] constants, EvaluationContext ctx)
    {
        var cursors = new IOrderedQuadCursor[choice.Length];
        var patterns = new IdPattern[choice.Length];
        for (int d = 0; d < choice.Length; d++)
        {
            if (ctx.Encoded.OpenCursor() is not IOrderedQuadCursor cursor)
            {
                for (int e = 0; e < d; e++) cursors[e].Dispose();
                return null;
            }
            cursors[d] = cursor;
            // Later members see the merged variable as bound by the first: their scan leaves it free.
            var pattern = plan.Steps[d].Pattern(ids, constants, d);
            switch (choice.Positions[d])
            {
                case 0: pattern.HasSubject = false; break;
                case 1: pattern.HasPredicate = false; break;
                default: pattern.HasObject = false; break;
            }
            patterns[d] = pattern;
        }
        return new MergeGroup(cursors, patterns, choice.Positions, ctx);
    }

    /// <summary>
    /// Whether a row passes a step's filters. A conjunct with an id form is decided from the ids when it can
    /// be (BSBM Q5's numeric bands: about 330 rows, two comparisons each, with no literal built); the
    /// variables are decoded only for the first conjunct that needs terms. The conjuncts are independent, so
    /// the order does not change the answer.
    /// </summary>
    internal static bool PassesDecoded(BgpStep step, NodeId[] ids, Term?[] scratch, IEncodedQuadSource source, EvaluationContext ctx)
    {
        bool decoded = false, pass = true;
        foreach (var f in step.Filters)
        {
            if (f.Ids?.TryEval(ids, source) is bool known)
            {
                if (known) continue;
                pass = false;
                break;
            }
            if (!decoded)
            {
                foreach (int slot in step.FilterSlots) scratch[slot] = source.Decode(ids[slot]);
                decoded = true;
            }
            if (f.Condition.EvalBoolean(scratch, ctx) != true)
            {
                pass = false;
                break;
            }
        }
        if (decoded) foreach (int slot in step.FilterSlots) scratch[slot] = null;
        return pass;
    }

    private BgpPlan OrderFor(Term?[] input, EvaluationContext ctx)
    {
        ulong mask = 0;
        bool cacheable = true;
        foreach (var p in _patterns)
            foreach (var pos in p.Positions)
                if (pos.IsVariable)
                {
                    if (pos.Slot >= 63) cacheable = false;
                    else if (input[pos.Slot] is not null) mask |= 1UL << pos.Slot;
                }
        if (_graph.Kind == GraphSpecKind.Variable)
        {
            if (_graph.Slot >= 63) cacheable = false;
            else if (input[_graph.Slot] is not null) mask |= 1UL << 63;
        }
        // A forced merge setting (tests) plans afresh, so it never leaks into the cached plans.
        if (ctx.Options.MergeJoins is not null || ctx.Options.MemoChecks is not null || ctx.Options.RepeatedLookups is not null || ctx.Options.ParallelScans is not null) cacheable = false;
        if (cacheable && _orders.TryGetValue(mask, out var cached)) return cached;
        var nested = ComputeOrder(input, ctx, null);
        // A lead fixes the first patterns; a merge would choose its own.
        var merge = _lead is null ? MergePlanner.Choose(_patterns, _graph, input, nested, ctx, prefix => ComputeOrder(input, ctx, prefix)) : null;
        var chosen = merge?.Plan ?? nested;
        var order = chosen.Order;
        var hashAfter = chosen.HashAfter;
        // Merged steps never hash.
        if (merge is not null) for (int d = 0; d < merge.Length; d++) hashAfter[d] = -1;
        EstimatedRows = chosen.Rows;
        // Intersections start after the merged prefix: its steps run inside the merge.
        var intersect = BgpIntersection.Plan(_patterns, order, input, _graph, _graph.Selector(input, out _), ctx, firstDriver: merge?.Length ?? 0);
        var plan = new BgpPlan(order, FiltersAt(order, input), _patterns, _graph, input, hashAfter, intersect) { Merge = merge };
        CheckMemoPlanner.Apply(plan, _patterns, chosen.StepCosts, input, _graph, _graph.Selector(input, out _), ctx, firstStep: merge?.Length ?? 0);
        MarkRepeatedLookups(plan, input, ctx, firstStep: merge?.Length ?? 0);
        if (merge is null && plan.Steps.Length > 0 && !plan.Steps[0].Repeats)
            plan.Steps[0].Parallel = ParallelFilteredScan.Qualifies(plan.Steps[0], input, _patterns[order[0]], _graph, ctx);
        if (cacheable) _orders[mask] = plan;
        return plan;
    }

    /// <summary>The most matches the kept lists of one repeated-lookup step hold together.</summary>
    internal const long RepeatedLookupMemory = 1 << 20;

    /// <summary>
    /// Marks the lookups that may keep their matches per lookup (<see cref="RepeatedLookupCursor"/>): steps
    /// after the first (and after a merged prefix) that look up by a variable an earlier step bound and bind
    /// a new one, which no other device (hash table, memo, intersection, object ranges) already serves. An
    /// existence check is left out: the store answers a repeated point read from the last one. Whether the
    /// lookups really repeat is seen at run time (the cursor's trial), as the estimates do not say how
    /// many distinct values a variable takes.
    /// </summary>
    private static void MarkRepeatedLookups(BgpPlan plan, Term?[] input, EvaluationContext ctx, int firstStep)
    {
        if (ctx.Options.RepeatedLookups == false) return;
        for (int d = Math.Max(1, firstStep); d < plan.Steps.Length; d++)
        {
            var step = plan.Steps[d];
            if (step.Hash || step.MemoKey >= 0 || step.Covered || step.Checks.Length > 0 || step.ObjectBounds is not null) continue;
            bool later = false, binds = false;
            for (int i = 0; i < 4; i++)
            {
                if (step.Kinds[i] == IdPositionKind.Bound && input[step.Slots[i]] is null) later = true;
                if (step.Kinds[i] == IdPositionKind.New) binds = true;
            }
            step.Repeats = later && binds;
        }
    }

    /// <summary>
    /// Each filter runs right after the step that binds the last of its variables (step 0: the input
    /// already binds them all), so rows it rejects are dropped before later patterns multiply them.
    /// </summary>
    private BgpFilter[][] FiltersAt(int[] order, Term?[] input)
    {
        var at = new List<BgpFilter>[order.Length + 1];
        for (int i = 0; i < at.Length; i++) at[i] = new List<BgpFilter>();
        var bound = new HashSet<int>();
        for (int i = 0; i < input.Length; i++) if (input[i] is not null) bound.Add(i);
        var pending = new List<BgpFilter>(_filters);
        for (int depth = 0; depth <= order.Length; depth++)
        {
            if (depth > 0)
                foreach (var pos in _patterns[order[depth - 1]].Positions)
                    if (pos.IsVariable) bound.Add(pos.Slot);
            if (depth > 0 && _graph.Kind == GraphSpecKind.Variable) bound.Add(_graph.Slot);
            for (int i = pending.Count - 1; i >= 0; i--)
                if (depth == order.Length || pending[i].Slots.All(bound.Contains))
                {
                    at[depth].Insert(0, pending[i]);
                    pending.RemoveAt(i);
                }
        }
        return at.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>
    /// The greedy order; <paramref name="prefix"/>, when given, fixes the first patterns (a merge group) and
    /// the greedy choice continues from what they bind.
    /// </summary>
    private OrderEstimate ComputeOrder(Term?[] input, EvaluationContext ctx, int[]? prefix)
    {
        int n = _patterns.Length;
        var order = new int[n];
        var stepCosts = new double[n];
        var hashAfter = new long[n];
        hashAfter[0] = -1;
        var used = new bool[n];
        var bound = new HashSet<int>();
        for (int i = 0; i < input.Length; i++) if (input[i] is not null) bound.Add(i);
        var selector = _graph.Selector(input, out _);
        var checks = new CheckEstimator(_patterns, input, selector, ctx);
        // A pattern's cost depends only on which of its positions earlier steps bind: each round of the
        // greedy choice would otherwise sample the same fan-outs again.
        var costs = new Dictionary<(int Pattern, int Later), double>();
        double estimate = 1;
        int leadLeft = _lead?.Count(x => x) ?? 0;
        for (int k = 0; k < n; k++)
        {
            int best = -1;
            double bestCost = double.MaxValue;
            bool bestConnected = false;
            for (int i = 0; i < n; i++)
            {
                if (used[i]) continue;
                if (leadLeft > 0 && !_lead![i]) continue;
                var p = _patterns[i];
                bool connected = p.Positions.Any(x => x.IsVariable && bound.Contains(x.Slot)) || !p.Positions.Any(x => x.IsVariable);
                var key = (i, LaterMask(p, input, bound) | (estimate < CheckEstimator.MinRowsToSample ? 8 : 0));
                if (!costs.TryGetValue(key, out double cost)) costs[key] = cost = Cost(i, input, bound, selector, ctx, checks, estimate);
                cost *= FilterFactor(i, bound);
                // A connected pattern beats any unconnected one; among equals the cheaper wins.
                if (best < 0 || (connected && !bestConnected) || (connected == bestConnected && cost < bestCost))
                {
                    best = i;
                    bestCost = cost;
                    bestConnected = connected;
                }
            }
            if (prefix is not null && k < prefix.Length)
            {
                best = prefix[k];
                var p = _patterns[best];
                var key = (best, LaterMask(p, input, bound) | (estimate < CheckEstimator.MinRowsToSample ? 8 : 0));
                if (!costs.TryGetValue(key, out bestCost)) costs[key] = bestCost = Cost(best, input, bound, selector, ctx, checks, estimate);
                bestCost *= FilterFactor(best, bound);
            }
            used[best] = true;
            if (_lead is not null && _lead[best]) leadLeft--;
            order[k] = best;
            stepCosts[k] = bestCost;
            if (k > 0) hashAfter[k] = HashAfter(_patterns[best], input, bound, selector, estimate, ctx);
            foreach (var pos in _patterns[best].Positions) if (pos.IsVariable && bound.Add(pos.Slot)) checks.Bind(pos.Slot, best);
            // A step costs its matches per row (at least 1), a check the share of rows it keeps.
            estimate = k == 0 ? bestCost : estimate * bestCost;
        }
        return new OrderEstimate(order, stepCosts, hashAfter, estimate);
    }

    /// <summary>
    /// The share of rows the filters that pattern <paramref name="index"/> makes evaluable keep: those
    /// conjuncts that need one of its variables and whose other variables are already in
    /// <paramref name="bound"/> (which holds the input's too). They run right after the step
    /// (<see cref="FiltersAt"/>), so the step yields its matches times this share. Scaling the step's cost
    /// by it moves steps that enable selective filters (a two-sided numeric band, an equality) ahead of
    /// steps that only fetch output values, such as labels, which then run on the few rows left. The
    /// shares are the guesses of <see cref="Optimizer.FilterSelectivity"/>; it is not in the cost cache
    /// because it depends on every bound variable, not only on the pattern's own positions.
    /// </summary>
    private double FilterFactor(int index, HashSet<int> bound)
    {
        if (_filters.Length == 0) return 1;
        var p = _patterns[index];
        // A conjunct on a graph variable is left out (factor 1): every step binds that variable.
        bool Binds(int slot) => p.Positions.Any(t => t.IsVariable && t.Slot == slot);
        double factor = 1;
        foreach (var f in _filters)
        {
            bool enabled = false, complete = true;
            foreach (int slot in f.Slots)
            {
                if (bound.Contains(slot)) continue;
                if (Binds(slot)) enabled = true;
                else { complete = false; break; }
            }
            if (enabled && complete) factor *= f.Selectivity;
        }
        return factor;
    }

    /// <summary>
    /// Whether a step may become a hash join, and after how many probes in a run (-1: never). A candidate
    /// shares a variable with earlier steps, the estimated probes (the rows reaching it) outweigh one scan
    /// of the pattern with only its constants and input values fixed, and that scan fits in
    /// <see cref="QueryOptions.MaxRowsInMemory"/>. Estimates can overshoot by an order of magnitude, so the
    /// switch itself waits until the probes really made reach that share of the scan. Steps under a graph
    /// variable keep probing.
    /// </summary>
    private long HashAfter(SlotTriple p, Term?[] input, HashSet<int> bound, Dataset.GraphSelector selector, double probes, EvaluationContext ctx)
    {
        bool Later(SlotTerm t) => t.IsVariable && input[t.Slot] is null && bound.Contains(t.Slot);
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        // An existence check keeps only a set of keys, and a small one is read in the time of a few dozen
        // point reads (each a search of every level's index in two column families), so it may switch early.
        bool check = p.Positions.All(t => Later(t) || Known(t) is not null);
        long minProbes = check ? Math.Min(ctx.Options.HashCheckMinProbes, ctx.Options.HashJoinMinProbes) : ctx.Options.HashJoinMinProbes;
        if (_graph.Kind == GraphSpecKind.Variable || !p.Positions.Any(Later)) return -1;
        long scan = ctx.Source.EstimateCount(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector);
        // A step whose object a numeric band restricts (`?product :numeric2 ?v` with `?v` within ±170 of a
        // value bound earlier) builds its table from the band's range scan only, so, like a check of a small
        // range, it may switch early: a wrong guess costs at most that small scan.
        if (BandShare(p, input, bound) is double share)
        {
            double band = scan * share;
            if (scan <= ctx.Options.MaxRowsInMemory && band * ProbesPerScannedMatch <= 8 * ctx.Options.HashCheckMinProbes)
            {
                long after = (long)Math.Max(ctx.Options.HashCheckMinProbes, band * ProbesPerScannedMatch);
                // When the rows expected to reach the step already pass the switch point, the probes before it
                // would only be spent (BSBM Q5: ~330 candidates, 64 seeks before the band's table was built):
                // the table is built from the band at the first seek.
                return probes >= after ? 0 : after;
            }
        }
        // A check of a small range (its scan worth at most 8 x minProbes lookups) is a candidate whatever the
        // row estimate, which is least reliable after derived classes: it switches only once it has really
        // been probed as often as its scan costs, so a wrong guess costs at most that small scan.
        // Below minProbes it waits for the scan's own cost (at least a quarter of minProbes): a check of a few
        // hundred matches (Q12's `?y subOrganizationOf <University0>`) is read in the time of a couple of
        // dozen point reads, each of which costs two column families' index searches on a derived predicate.
        if (check && scan <= ctx.Options.MaxRowsInMemory && scan * ProbesPerScannedMatch <= 8 * minProbes)
            return (long)Math.Max(minProbes / 4, scan * ProbesPerScannedMatch);
        // A check on one variable (`?x a Student` after `?x` is bound) over a source that keeps whole reads
        // across queries is a candidate whatever this run's estimate: its lookups are summed over the queries
        // of one state of the data, and once they cost what its scan does the set is read once and shared.
        bool acrossQueries = check && ctx.Options.SharedScans && ctx.Encoded.SharedScans is not null
            && p.Positions.Count(Later) == 1 && scan <= ctx.Options.MaxRowsInMemory;
        if (acrossQueries && (probes < ctx.Options.HashJoinMinProbes || probes < 2 * scan * ProbesPerScannedMatch))
            return (long)Math.Max(minProbes, scan * ProbesPerScannedMatch);
        if (probes < ctx.Options.HashJoinMinProbes) return -1;
        // Only a step expected to pass the switch point well (twice over) is a candidate: near it, building
        // a table of the whole pattern for the last few probes costs more than it saves.
        if (scan > ctx.Options.MaxRowsInMemory || probes < 2 * scan * ProbesPerScannedMatch) return -1;
        return (long)Math.Max(ctx.Options.HashJoinMinProbes, scan * ProbesPerScannedMatch);
    }

    /// <summary>
    /// The guessed share of a pattern's matches that a numeric band keeps, when the pattern can be hashed on
    /// its subject from a range scan of its object: <c>?s p ?o</c> with <c>?s</c> bound by an earlier step,
    /// <c>p</c> known, <c>?o</c> new, and a filter bound on <c>?o</c> whose expression is known before the step
    /// (<see cref="BgpPlan"/> then gives the step those bounds). Null when the pattern is not of that shape.
    /// </summary>
    private double? BandShare(SlotTriple p, Term?[] input, HashSet<int> bound)
    {
        if (!(p.Subject.IsVariable && input[p.Subject.Slot] is null && bound.Contains(p.Subject.Slot))) return null;
        if (p.Predicate.IsVariable ? input[p.Predicate.Slot] is null : p.Predicate.Constant is null) return null;
        if (!p.Object.IsVariable || bound.Contains(p.Object.Slot) || p.Object.Slot == p.Subject.Slot) return null;
        if (p.Predicate.IsVariable && p.Predicate.Slot == p.Object.Slot) return null;
        double share = 1;
        bool any = false;
        foreach (var f in _filters)
            if (f.Range is { } r && r.Slot == p.Object.Slot && r.BoundSlots.All(bound.Contains))
            {
                share *= f.Selectivity;
                any = true;
            }
        return any ? share : null;
    }

    private static int LaterMask(SlotTriple p, Term?[] input, HashSet<int> bound)
    {
        int mask = 0;
        for (int i = 0; i < 3; i++)
            if (p.Positions[i] is { IsVariable: true } t && input[t.Slot] is null && bound.Contains(t.Slot)) mask |= 1 << i;
        return mask;
    }

    /// <summary>
    /// The expected matches of the pattern per row, once the variables in <paramref name="bound"/> have values.
    /// Constants and input values are counted directly. A variable that an earlier pattern binds has no
    /// value yet: the source estimates the fan-out per value (a store samples it). A pattern all of whose
    /// positions are then known is an existence check: its cost is the share of rows it keeps (below 1, so
    /// checks run as soon as they can, the most selective first), estimated by <see cref="CheckEstimator"/>.
    /// </summary>
    private double Cost(int index, Term?[] input, HashSet<int> bound, Dataset.GraphSelector selector, EvaluationContext ctx, CheckEstimator checks, double rows)
    {
        var p = _patterns[index];
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        bool Later(SlotTerm t) => t.IsVariable && input[t.Slot] is null && bound.Contains(t.Slot);
        double est = ctx.Source.EstimateCount(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector);
        if (est == 0) return 0;
        bool ls = Later(p.Subject), lp = Later(p.Predicate), lo = Later(p.Object);
        if (!ls && !lp && !lo) return Math.Max(est, 1);
        bool check = (ls || Known(p.Subject) is not null) && (lp || Known(p.Predicate) is not null) && (lo || Known(p.Object) is not null);
        // On a few rows the order of the checks hardly matters: the fixed guess saves the sampling reads.
        if (check) return rows < CheckEstimator.MinRowsToSample ? 0.5 : checks.Selectivity(index, est, ls, lp, lo);
        double fanout = ctx.Source.EstimateFanout(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector, ls, lp, lo);
        return fanout == 0 ? 0 : Math.Max(fanout, 1);
    }
}

/// <summary>A join order with the estimated cost of each step (matches per row, or a check's share of rows kept), the hash-join thresholds and the estimated rows.</summary>
internal sealed record OrderEstimate(int[] Order, double[] StepCosts, long[] HashAfter, double Rows);

/// <summary>A filter evaluated inside a BGP as soon as the variables in <see cref="Slots"/> are bound.</summary>
/// <param name="Condition">The conjunct, compiled.</param>
/// <param name="Slots">The variables it reads.</param>
/// <param name="Text">The conjunct as written, for EXPLAIN.</param>
/// <param name="Range">The numeric bound the condition puts on one of its variables, for range scans; null when none.</param>
/// <param name="Selectivity">The guessed share of rows the conjunct keeps (<see cref="Optimizer.FilterSelectivity"/>), for the join order.</param>
/// <param name="Concurrent">Whether the condition may be evaluated on several threads at once (<see cref="ParallelFilteredScan.IsConcurrent"/>).</param>
/// <param name="Ids">The conjunct's form over ids (inline integers, IRI equality, substrings of inline strings), tried before decoding; null when none.</param>
internal sealed record BgpFilter(Evaluable Condition, int[] Slots, string Text, ObjectRangeBound? Range = null, double Selectivity = 1, bool Concurrent = false,
    IdFilter? Ids = null);
