using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Estimates, while a BGP's join order is chosen, the share of rows an existence check keeps: a pattern
/// whose positions are all known by the time it runs. A fixed guess (one half) cannot tell
/// <c>?x rdf:type ub:Student</c> after <c>?x ub:advisor ?y</c> (every advisee is a student) from
/// <c>?x ub:takesCourse ?z</c> closing a triangle (2% pass), and the join order and the row estimates that
/// decide hash joins follow from that. So:
/// <list type="bullet">
/// <item>one variable bound by an earlier pattern: sample values of it from the pattern that bound it
/// (ids are content hashes, so the index order is a fair sample) and count how many pass the check;</item>
/// <item>two or more: treat the values as independent, so the chance that a pair matches is the matches
/// per value of one position times those of the other over the pattern's count.</item>
/// </list>
/// Results are kept for the order being computed (a check's inputs do not change once it is a check).
/// </summary>
internal sealed class CheckEstimator
{
    /// <summary>How many values of the binding pattern are tried.</summary>
    internal const int Samples = 16;

    /// <summary>A check costs a little less than a step with one match per row: it only drops rows.</summary>
    internal const double MaxCost = 0.9;

    private const double MinSelectivity = 1e-6;

    /// <summary>Below this many estimated rows reaching a check, its share is not sampled (one half).</summary>
    internal const double MinRowsToSample = 64;

    private readonly SlotTriple[] _patterns;
    private readonly Term?[] _input;
    private readonly GraphSelector _selector;
    private readonly EvaluationContext _ctx;
    private readonly Dictionary<int, int> _binders = new();
    private readonly Dictionary<int, double> _known = new();

    public CheckEstimator(SlotTriple[] patterns, Term?[] input, GraphSelector selector, EvaluationContext ctx)
    {
        _patterns = patterns;
        _input = input;
        _selector = selector;
        _ctx = ctx;
    }

    /// <summary>Records that pattern <paramref name="pattern"/> is the first to bind <paramref name="slot"/>.</summary>
    public void Bind(int slot, int pattern) => _binders.TryAdd(slot, pattern);

    /// <summary>
    /// The share of rows the check <paramref name="index"/> keeps; <paramref name="count"/> is the pattern's
    /// count with only its constants and input values fixed, the flags say which positions earlier steps bind.
    /// </summary>
    public double Selectivity(int index, double count, bool subjectLater, bool predicateLater, bool objectLater)
    {
        if (!_known.TryGetValue(index, out double selectivity))
        {
            int later = (subjectLater ? 1 : 0) + (predicateLater ? 1 : 0) + (objectLater ? 1 : 0);
            selectivity = later == 1
                ? Sampled(index, subjectLater ? 0 : predicateLater ? 1 : 2)
                : Independent(index, count, subjectLater, predicateLater, objectLater);
            _known[index] = selectivity;
        }
        return Math.Clamp(selectivity, MinSelectivity, MaxCost);
    }

    private Term? Known(SlotTerm t) => t.IsVariable ? _input[t.Slot] : t.Constant;

    private double Sampled(int index, int position)
    {
        var check = _patterns[index];
        int slot = check.Positions[position].Slot;
        if (!_binders.TryGetValue(slot, out int binderIndex)) return 0.5;
        var binder = _patterns[binderIndex];
        int from = Array.FindIndex(binder.Positions, t => t.IsVariable && t.Slot == slot);
        int samples = 0, hits = 0;
        foreach (var quad in _ctx.Source.Match(Known(binder.Subject), Known(binder.Predicate), Known(binder.Object), _selector).Take(Samples))
        {
            Term value = from switch { 0 => quad.Subject, 1 => quad.Predicate, _ => quad.Object };
            Term? At(SlotTerm t) => t.IsVariable && t.Slot == slot ? value : Known(t);
            samples++;
            if (_ctx.Source.EstimateCount(At(check.Subject), At(check.Predicate), At(check.Object), _selector) > 0) hits++;
        }
        // No sampled value passed: the share is below one in the sample size, not zero.
        return samples == 0 ? 0.5 : hits == 0 ? 0.5 / samples : (double)hits / samples;
    }

    private double Independent(int index, double count, bool subjectLater, bool predicateLater, bool objectLater)
    {
        var p = _patterns[index];
        Term? s = Known(p.Subject), pr = Known(p.Predicate), o = Known(p.Object);
        double selectivity = 1;
        int factors = 0;
        if (subjectLater) { selectivity *= _ctx.Source.EstimateFanout(s, pr, o, _selector, true, false, false); factors++; }
        if (predicateLater) { selectivity *= _ctx.Source.EstimateFanout(s, pr, o, _selector, false, true, false); factors++; }
        if (objectLater) { selectivity *= _ctx.Source.EstimateFanout(s, pr, o, _selector, false, false, true); factors++; }
        return selectivity / Math.Pow(count, factors - 1);
    }
}
