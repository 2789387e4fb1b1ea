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
    private readonly ConcurrentDictionary<ulong, int[]> _orders = new();
    private readonly string _text;

    public BgpNode(SlotTriple[] patterns, GraphSpec graph, string text)
    {
        _patterns = patterns;
        _graph = graph;
        _text = text;
    }

    public override string Name => "BGP";

    public override string? Detail => _text + (_graph.Kind == GraphSpecKind.Default ? "" : " in " + _graph);

    internal int[]? LastOrder { get; private set; }

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var order = OrderFor(input, ctx);
        LastOrder = order;
        return Extend(order, 0, input, ctx);
    }

    private IEnumerable<Term?[]> Extend(int[] order, int depth, Term?[] row, EvaluationContext ctx)
    {
        if (depth == order.Length)
        {
            yield return row;
            yield break;
        }
        foreach (var next in Match(_patterns[order[depth]], row, ctx))
            foreach (var r in Extend(order, depth + 1, next, ctx))
                yield return r;
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

    private int[] OrderFor(Term?[] input, EvaluationContext ctx)
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
        if (cacheable) _orders[mask] = order;
        return order;
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
    /// The source's count for the constants and input values, reduced for variables that earlier
    /// patterns will have bound: a bound subject narrows most, then the object, then the predicate.
    /// </summary>
    private static double Cost(SlotTriple p, Term?[] input, HashSet<int> bound, Dataset.GraphSelector selector, EvaluationContext ctx)
    {
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        double est = ctx.Source.EstimateCount(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector);
        if (est == 0) return 0;
        if (p.Subject.IsVariable && input[p.Subject.Slot] is null && bound.Contains(p.Subject.Slot)) est /= 1000;
        if (p.Object.IsVariable && input[p.Object.Slot] is null && bound.Contains(p.Object.Slot)) est /= 100;
        if (p.Predicate.IsVariable && input[p.Predicate.Slot] is null && bound.Contains(p.Predicate.Slot)) est /= 10;
        return Math.Max(est, 1);
    }
}
