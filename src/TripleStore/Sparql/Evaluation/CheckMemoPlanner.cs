using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Chooses, in a compiled BGP plan, which lookups keep the lists they read per key
/// (<see cref="KeyedLists"/>):
/// <list type="bullet">
/// <item>an existence check whose pattern has exactly two variables bound by earlier steps (a triangle's
/// closing edge) becomes a <see cref="MemoCheckCursor"/>, keyed on the variable whose values have the
/// shorter lists of the other (<c>?x memberOf ?z</c> keyed on <c>?x</c>: one department per person, not
/// hundreds of members per department), when enough rows are expected to reach it for the lists to be
/// asked for again;</item>
/// <item>a check an intersection covers (<see cref="BgpIntersection"/>) keeps its lists keyed on its other
/// bound variable, so after its lists cost a full scan of the pattern the rest are answered from one pass.</item>
/// </list>
/// </summary>
internal static class CheckMemoPlanner
{
    /// <summary>Lists longer than this (estimated values per key) are not kept for a memoized check.</summary>
    internal const double MaxListLength = 1_024;

    /// <summary>Estimated rows reaching a check below which it reads points (too few for keys to repeat).</summary>
    internal const double MinRows = 256;

    public static void Apply(BgpPlan plan, SlotTriple[] patterns, double[] stepCosts, Term?[] input, GraphSpec graph, GraphSelector selector, EvaluationContext ctx, int firstStep)
    {
        if (graph.Kind == GraphSpecKind.Variable || ctx.Options.MemoChecks == false) return;
        double rows = 1;
        for (int d = 0; d < plan.Steps.Length; d++)
        {
            var step = plan.Steps[d];
            var p = patterns[plan.Order[d]];
            if (d >= firstStep && step.Checks.Length > 0)
            {
                step.CheckKeyPositions = new int[step.Checks.Length];
                step.CheckScanSizes = new long[step.Checks.Length];
                step.CheckReadAll = new bool[step.Checks.Length];
                for (int j = 0; j < step.Checks.Length; j++)
                {
                    var check = plan.Steps[step.Checks[j]];
                    var later = LaterPositions(check, input);
                    // The shared variable is free in the check's list; exactly one other variable may vary.
                    later.Remove(step.CheckPositions[j]);
                    step.CheckKeyPositions[j] = later.Count == 1 ? later[0] : -1;
                    var checkPattern = patterns[plan.Order[step.Checks[j]]];
                    step.CheckScanSizes[j] = ScanSize(checkPattern, input, selector, ctx);
                    // Reading the lists one driver seek at a time is expected to cost more than one scan of
                    // the whole check (each seek counted as MatchesPerSeek matches): read it whole at once.
                    if (step.CheckKeyPositions[j] >= 0)
                    {
                        double listed = Fanout(checkPattern, step.CheckKeyPositions[j], step.CheckPositions[j], input, selector, ctx);
                        step.CheckReadAll[j] = ctx.Options.MemoChecks == true
                            || rows * (BgpIntersection.MatchesPerSeek + listed) >= step.CheckScanSizes[j];
                    }
                }
            }
            if (d >= firstStep && d > 0 && !step.Hash && !step.Covered && step.Checks.Length == 0 && step.ObjectBounds is null
                && step.Kinds.Take(3).All(k => k is IdPositionKind.Constant or IdPositionKind.Bound)
                && (ctx.Options.MemoChecks == true || rows >= MinRows))
            {
                var later = LaterPositions(step, input);
                if (later.Count == 2)
                {
                    double first = Fanout(p, later[0], later[1], input, selector, ctx);
                    double second = Fanout(p, later[1], later[0], input, selector, ctx);
                    int key = first <= second ? later[0] : later[1];
                    if (Math.Min(first, second) <= MaxListLength || ctx.Options.MemoChecks == true)
                    {
                        step.MemoKey = key;
                        step.MemoValue = key == later[0] ? later[1] : later[0];
                        step.MemoScanSize = ScanSize(p, input, selector, ctx);
                    }
                }
            }
            rows *= d < stepCosts.Length ? stepCosts[d] : 1;
        }
    }

    /// <summary>Positions (0-2) of the step bound by earlier steps of this run (not by the input).</summary>
    private static List<int> LaterPositions(BgpStep step, Term?[] input)
    {
        var later = new List<int>();
        for (int i = 0; i < 3; i++)
            if (step.Kinds[i] == IdPositionKind.Bound && input[step.Slots[i]] is null) later.Add(i);
        return later;
    }

    private static Term? Known(SlotTerm t, Term?[] input) => t.IsVariable ? input[t.Slot] : t.Constant;

    /// <summary>Matches of the pattern with only its constants and input values fixed.</summary>
    private static long ScanSize(SlotTriple p, Term?[] input, GraphSelector selector, EvaluationContext ctx) =>
        ctx.Source.EstimateCount(Known(p.Subject, input), Known(p.Predicate, input), Known(p.Object, input), selector);

    /// <summary>The expected values at <paramref name="value"/> per value at <paramref name="key"/>.</summary>
    private static double Fanout(SlotTriple p, int key, int value, Term?[] input, GraphSelector selector, EvaluationContext ctx) =>
        ctx.Source.EstimateFanout(Known(p.Subject, input), Known(p.Predicate, input), Known(p.Object, input), selector, key == 0, key == 1, key == 2);
}
