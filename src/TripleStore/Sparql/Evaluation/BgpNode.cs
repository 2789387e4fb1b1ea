using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<ulong, (int[] Order, Evaluable[][] FiltersAt)> _orders = new();
    private readonly string _text;
    private readonly BgpFilter[] _filters;

    public BgpNode(SlotTriple[] patterns, GraphSpec graph, string text, BgpFilter[]? filters = null)
    {
        _patterns = patterns;
        _graph = graph;
        _filters = filters ?? [];
        _text = text + (_filters.Length == 0 ? "" : " FILTER " + string.Join(" && ", _filters.Select(f => f.Text)));
    }

    public override string Name => "BGP";

    public override string? Detail => _text + (_graph.Kind == GraphSpecKind.Default ? "" : " in " + _graph);

    internal int[]? LastOrder { get; private set; }

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var (order, filtersAt) = OrderFor(input, ctx);
        LastOrder = order;
        if (!Passes(filtersAt[0], input, ctx)) return [];
        return Extend(order, filtersAt, 0, input, ctx);
    }

    private IEnumerable<Term?[]> Extend(int[] order, Evaluable[][] filtersAt, int depth, Term?[] row, EvaluationContext ctx)
    {
        if (depth == order.Length)
        {
            yield return row;
            yield break;
        }
        var filters = filtersAt[depth + 1];
        foreach (var next in Match(_patterns[order[depth]], row, ctx))
        {
            if (filters.Length > 0 && !Passes(filters, next, ctx)) continue;
            foreach (var r in Extend(order, filtersAt, depth + 1, next, ctx))
                yield return r;
        }
    }

    private static bool Passes(Evaluable[] filters, Term?[] row, EvaluationContext ctx)
    {
        foreach (var f in filters)
            if (f.EvalBoolean(row, ctx) != true) return false;
        return true;
    }

    private IEnumerable<Term?[]> Match(SlotTriple p, Term?[] row, EvaluationContext ctx)
    {
        var s = p.Subject.Resolve(row);
        var pr = p.Predicate.Resolve(row);
        var o = p.Object.Resolve(row);
        var selector = _graph.Selector(row, out bool bindGraph);
        foreach (var q in ctx.Source.Match(s, pr, o, selector))
        {
            ctx.Tick();
            var r = (Term?[])row.Clone();
            if (!Bind(r, p.Subject, q.Subject) || !Bind(r, p.Predicate, q.Predicate) || !Bind(r, p.Object, q.Object)) continue;
            if (bindGraph)
            {
                if (q.Graph is null || !Bind(r, new SlotTerm(null, _graph.Slot), q.Graph)) continue;
            }
            yield return r;
        }
    }

    /// <summary>Binds a variable position; false when a variable repeated in the pattern got two values.</summary>
    private static bool Bind(Term?[] row, SlotTerm position, Term value)
    {
        if (!position.IsVariable) return true;
        var existing = row[position.Slot];
        if (existing is null)
        {
            row[position.Slot] = value;
            return true;
        }
        return existing.Equals(value);
    }

    private (int[] Order, Evaluable[][] FiltersAt) OrderFor(Term?[] input, EvaluationContext ctx)
    {
        ulong mask = 0;
        bool cacheable = true;
        foreach (var p in _patterns)
            foreach (var pos in p.Positions)
                if (pos.IsVariable)
                {
                    if (pos.Slot >= 64) cacheable = false;
                    else if (input[pos.Slot] is not null) mask |= 1UL << pos.Slot;
                }
        if (_graph.Kind == GraphSpecKind.Variable && _graph.Slot < 64 && input[_graph.Slot] is not null) mask |= 1UL << 63;
        if (cacheable && _orders.TryGetValue(mask, out var cached)) return cached;
        var order = ComputeOrder(input, ctx);
        var plan = (order, FiltersAt(order, input));
        if (cacheable) _orders[mask] = plan;
        return plan;
    }

    /// <summary>
    /// Each filter runs right after the step that binds the last of its variables (step 0: the input
    /// already binds them all), so rows it rejects are dropped before later patterns multiply them.
    /// </summary>
    private Evaluable[][] FiltersAt(int[] order, Term?[] input)
    {
        var at = new List<Evaluable>[order.Length + 1];
        for (int i = 0; i < at.Length; i++) at[i] = new List<Evaluable>();
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
                    at[depth].Insert(0, pending[i].Condition);
                    pending.RemoveAt(i);
                }
        }
        return at.Select(l => l.ToArray()).ToArray();
    }

    private int[] ComputeOrder(Term?[] input, EvaluationContext ctx)
    {
        int n = _patterns.Length;
        var order = new int[n];
        var used = new bool[n];
        var bound = new HashSet<int>();
        for (int i = 0; i < input.Length; i++) if (input[i] is not null) bound.Add(i);
        var selector = _graph.Selector(input, out _);
        double estimate = 1;
        for (int k = 0; k < n; k++)
        {
            int best = -1;
            double bestCost = double.MaxValue;
            bool bestConnected = false;
            for (int i = 0; i < n; i++)
            {
                if (used[i]) continue;
                var p = _patterns[i];
                bool connected = p.Positions.Any(x => x.IsVariable && bound.Contains(x.Slot)) || !p.Positions.Any(x => x.IsVariable);
                double cost = Cost(p, input, bound, selector, ctx);
                // A connected pattern beats any unconnected one; among equals the cheaper wins.
                if (best < 0 || (connected && !bestConnected) || (connected == bestConnected && cost < bestCost))
                {
                    best = i;
                    bestCost = cost;
                    bestConnected = connected;
                }
            }
            used[best] = true;
            order[k] = best;
            foreach (var pos in _patterns[best].Positions) if (pos.IsVariable) bound.Add(pos.Slot);
            estimate = k == 0 ? bestCost : estimate * Math.Max(bestCost, bestConnected ? 1 : bestCost);
        }
        EstimatedRows = estimate;
        return order;
    }

    /// <summary>
    /// The expected matches of the pattern per row, once the variables in <paramref name="bound"/> have values.
    /// Constants and input values are counted directly. A variable that an earlier pattern binds has no
    /// value yet: the source estimates the fan-out per value (a store samples it). A pattern all of whose positions are then
    /// known is an existence check: at most one match, and the cheapest step, since it only drops rows.
    /// </summary>
    private static double Cost(SlotTriple p, Term?[] input, HashSet<int> bound, Dataset.GraphSelector selector, EvaluationContext ctx)
    {
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        bool Later(SlotTerm t) => t.IsVariable && input[t.Slot] is null && bound.Contains(t.Slot);
        double est = ctx.Source.EstimateCount(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector);
        if (est == 0) return 0;
        bool ls = Later(p.Subject), lp = Later(p.Predicate), lo = Later(p.Object);
        if (!ls && !lp && !lo) return Math.Max(est, 1);
        bool check = (ls || Known(p.Subject) is not null) && (lp || Known(p.Predicate) is not null) && (lo || Known(p.Object) is not null);
        if (check) return 0.5;
        double fanout = ctx.Source.EstimateFanout(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector, ls, lp, lo);
        return fanout == 0 ? 0 : Math.Max(fanout, 1);
    }
}

/// <summary>A filter evaluated inside a BGP as soon as the variables in <see cref="Slots"/> are bound.</summary>
internal sealed record BgpFilter(Evaluable Condition, int[] Slots, string Text);
