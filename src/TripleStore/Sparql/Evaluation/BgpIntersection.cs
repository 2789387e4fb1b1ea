using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Finds, in a BGP's join order, the steps that close a cycle (a triangle such as advisor, teacherOf,
/// takesCourse) and turns them into one intersection. A step that binds a single new variable <c>v</c>
/// (the driver) is followed, somewhere later, by existence checks whose only variable not known before the
/// driver is <c>v</c>. Run as nested loops, each check is a random point read per driver match. Each check
/// pattern with <c>v</c> left free is instead a short range scan, done once per driver seek: the values of
/// <c>v</c> it lists are intersected with the driver's matches (a worst-case-optimal join of the variable
/// closing the cycle). A check is taken into the intersection when reading its list costs less than the
/// point reads it saves: about one seek plus a tenth of a seek per listed value, against one seek per
/// driver match.
/// </summary>
internal static class BgpIntersection
{
    /// <summary>Scanned matches that cost about one random seek (see <see cref="BgpNode.ProbesPerScannedMatch"/>).</summary>
    internal const double MatchesPerSeek = 1 / BgpNode.ProbesPerScannedMatch;

    /// <summary>
    /// Per depth of <paramref name="order"/>, the depths of the later checks intersected with that step
    /// (empty when none); null when no step of the order qualifies. Steps before <paramref name="firstDriver"/>
    /// (joined some other way, such as a merge join of the first steps) are neither drivers nor checks.
    /// </summary>
    public static int[][]? Plan(SlotTriple[] patterns, int[] order, Term?[] input, GraphSpec graph, GraphSelector selector, EvaluationContext ctx, int firstDriver = 0)
    {
        if (!ctx.Options.IntersectJoins || graph.Kind == GraphSpecKind.Variable || order.Length < 2) return null;
        int n = order.Length;
        var partners = new List<int>[n];
        var taken = new bool[n];
        var bound = new HashSet<int>();
        for (int i = 0; i < input.Length; i++) if (input[i] is not null) bound.Add(i);
        bool any = false;
        for (int d = 0; d < n; d++)
        {
            var driver = patterns[order[d]];
            if (d >= firstDriver && !taken[d] && SingleFree(driver, bound, out int v))
            {
                double driverFanout = Fanout(driver, v, input, bound, selector, ctx);
                for (int e = d + 1; e < n; e++)
                {
                    if (taken[e] || !SingleFree(patterns[order[e]], bound, out int w) || w != v) continue;
                    double listed = Fanout(patterns[order[e]], v, input, bound, selector, ctx);
                    if (1 + listed / MatchesPerSeek > driverFanout) continue;
                    (partners[d] ??= new List<int>()).Add(e);
                    taken[e] = true;
                    any = true;
                }
            }
            foreach (var pos in driver.Positions)
                if (pos.IsVariable) bound.Add(pos.Slot);
        }
        return any ? partners.Select(l => l?.ToArray() ?? []).ToArray() : null;
    }

    /// <summary>Whether exactly one position of <paramref name="p"/> is a variable not yet bound, and it occurs once.</summary>
    private static bool SingleFree(SlotTriple p, HashSet<int> bound, out int slot)
    {
        slot = -1;
        int free = 0;
        foreach (var pos in p.Positions)
        {
            if (!pos.IsVariable || bound.Contains(pos.Slot)) continue;
            free++;
            slot = pos.Slot;
        }
        return free == 1;
    }

    /// <summary>The expected values of <paramref name="v"/> the pattern lists per row, with every other variable bound.</summary>
    private static double Fanout(SlotTriple p, int v, Term?[] input, HashSet<int> bound, GraphSelector selector, EvaluationContext ctx)
    {
        Term? Known(SlotTerm t) => t.IsVariable ? input[t.Slot] : t.Constant;
        bool Later(SlotTerm t) => t.IsVariable && t.Slot != v && input[t.Slot] is null && bound.Contains(t.Slot);
        bool ls = Later(p.Subject), lp = Later(p.Predicate), lo = Later(p.Object);
        if (!ls && !lp && !lo) return ctx.Source.EstimateCount(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector);
        return ctx.Source.EstimateFanout(Known(p.Subject), Known(p.Predicate), Known(p.Object), selector, ls, lp, lo);
    }
}
