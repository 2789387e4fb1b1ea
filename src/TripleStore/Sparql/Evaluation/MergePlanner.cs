using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Decides whether the first steps of a BGP run as a merge join (<see cref="MergeGroup"/>). Candidates:
/// the patterns that can be scanned in the order of one variable of the first pattern of the
/// nested-loop order, with only constants and input values in front of it in the index (<c>?x a C</c> and
/// <c>?x p c</c> in POS, <c>?y p ?x</c> in POS, <c>c p ?x</c> in SPO), each naming that variable once and
/// sharing no other variable with the rest of the group. The cost model is the one the seed choice uses:
/// a lookup (a random seek) costs 1 per row entering a step, a key read in order 0.1. A merge reads each
/// range at most once and seeks at most once per value of the smallest range, so a member costs
/// min(0.1 · its range, the smallest range); the nested loops pay a lookup per row entering each member.
/// The merge is taken when the whole plan with it costs less than without (a tenth less, as estimates are rough).
/// </summary>
internal static class MergePlanner
{
    internal const double ReadCost = 0.1;

    /// <summary>The smallest range of a group must hold at least this many matches (estimated) for a merge to be considered.</summary>
    internal const double MinSmallestRange = 64;

    /// <param name="nested">The nested-loop order and its estimates.</param>
    /// <param name="orderWith">The greedy order with a given prefix of patterns first.</param>
    public static MergeChoice? Choose(SlotTriple[] patterns, GraphSpec graph, Term?[] input, OrderEstimate nestedPlan, EvaluationContext ctx, Func<int[], OrderEstimate> orderWith)
    {
        var order = nestedPlan.Order;
        var mode = ctx.Options.MergeJoins;
        if (mode == false || patterns.Length < 2 || graph.Kind == GraphSpecKind.Variable) return null;
        if (graph.Kind == GraphSpecKind.Fixed && graph.Name is null) return null;
        var seed = patterns[order[0]];
        MergeChoice? best = null;
        using var cursor = ctx.Encoded.OpenCursor();
        if (cursor is not IOrderedQuadCursor ordered) return null;
        double nested = PlanCost(nestedPlan.StepCosts, 0, 0);
        var selector = graph.Selector(input, out _);
        var tried = new HashSet<int>();
        foreach (var v in seed.Positions)
        {
            if (!v.IsVariable || input[v.Slot] is not null || !tried.Add(v.Slot)) continue;
            var members = new List<int>();
            var positions = new List<int>();
            var taken = new HashSet<int>();
            foreach (int i in order)
            {
                int position = OrderedPosition(patterns[i], v.Slot, input, graph, ordered);
                if (position < 0) continue;
                var others = patterns[i].Positions.Where(t => t.IsVariable && t.Slot != v.Slot).Select(t => t.Slot).ToList();
                if (others.Any(taken.Contains)) continue;
                foreach (int s in others) taken.Add(s);
                members.Add(i);
                positions.Add(position);
            }
            if (members.Count < 2 || members[0] != order[0]) continue;
            var ranges = members.Select(i => (double)Math.Max(1, Estimate(patterns[i], input, selector, ctx))).ToArray();
            double smallest = ranges.Min();
            // Over a few values the nested loops make only a few lookups, and the estimates of small
            // ranges (derived classes especially) are the least reliable: a merge would bind the other
            // members' whole ranges on the strength of them.
            if (mode != true && smallest < MinSmallestRange) continue;
            double merge = ranges.Sum(r => Math.Min(ReadCost * r, smallest)) + members.Count;
            // The rest of the plan is chosen again from what the group binds (it may bind more than the
            // nested order had bound at the same depth, or less).
            var plan = orderWith(members.ToArray());
            double cost = PlanCost(plan.StepCosts, members.Count, merge);
            double rows = plan.StepCosts.Take(members.Count).Aggregate(1.0, (acc, c) => acc * c);
            if (mode != true && cost >= 0.9 * nested) continue;
            if (best is null || cost < best.Cost)
                best = new MergeChoice(plan, members.Count, v.Slot, positions.ToArray(), cost, nested, rows);
        }
        return best;
    }

    /// <summary>
    /// The position of <paramref name="slot"/> in the pattern when a scan with the pattern's constants and
    /// input values is ordered by it; -1 otherwise (also when a variable repeats in the pattern).
    /// </summary>
    private static int OrderedPosition(SlotTriple p, int slot, Term?[] input, GraphSpec graph, IOrderedQuadCursor cursor)
    {
        var pattern = new IdPattern { Graph = graph.Kind == GraphSpecKind.Fixed ? GraphSelectorKind.NamedGraph : GraphSelectorKind.DefaultGraph };
        int position = -1;
        var seen = new HashSet<int>();
        for (int i = 0; i < 3; i++)
        {
            var t = p.Positions[i];
            bool known = !t.IsVariable || input[t.Slot] is not null;
            if (t.IsVariable && !known && !seen.Add(t.Slot)) return -1;
            if (t.IsVariable && t.Slot == slot) position = i;
            switch (i)
            {
                case 0: pattern.HasSubject = known; break;
                case 1: pattern.HasPredicate = known; break;
                default: pattern.HasObject = known; break;
            }
        }
        return position >= 0 && cursor.OrdersBy(pattern, position) ? position : -1;
    }

    private static long Estimate(SlotTriple p, Term?[] input, GraphSelector selector, EvaluationContext ctx)
    {
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        return ctx.Source.EstimateCount(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector);
    }

    /// <summary>
    /// A plan's cost: the first <paramref name="merged"/> steps cost <paramref name="mergeCost"/>; every
    /// other step a lookup per row reaching it and a read per row it produces.
    /// </summary>
    private static double PlanCost(double[] stepCosts, int merged, double mergeCost)
    {
        double rows = 1, cost = mergeCost;
        for (int d = 0; d < stepCosts.Length; d++)
        {
            if (d >= merged) cost += rows;
            rows *= stepCosts[d];
            if (d >= merged || d == merged - 1) cost += ReadCost * rows;
        }
        return cost;
    }
}

/// <summary>A merge join over the first <see cref="Length"/> steps of <see cref="Order"/> on one variable.</summary>
internal sealed record MergeChoice(OrderEstimate Plan, int Length, int Slot, int[] Positions, double Cost, double NestedCost, double Rows)
{
    public int[] Order => Plan.Order;
}
