using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// One side of a numeric range that a filter conjunct puts on a variable: <c>?v &lt; e</c>, <c>?v &gt;= e</c>,
/// <c>e &gt; ?v</c>... where <c>e</c> does not mention <c>?v</c>. When a BGP step binds <c>?v</c> as the
/// object of a scan and <c>e</c>'s variables are bound before it, the step asks the source for the id
/// ranges that can hold such numbers (<see cref="IEncodedQuadSource.NumericObjectRanges"/>) and scans only
/// those. The conjunct itself still runs on every row, so the ranges only need to be a superset: strictness,
/// type promotion, NaN and ill-typed literals are all left to it.
/// </summary>
internal sealed class ObjectRangeBound
{
    private ObjectRangeBound(int slot, bool upper, Evaluable bound, int[] boundSlots)
    {
        Slot = slot;
        Upper = upper;
        Bound = bound;
        BoundSlots = boundSlots;
    }

    /// <summary>The variable the range restricts.</summary>
    public int Slot { get; }

    /// <summary>True for an upper bound (<c>?v &lt; e</c>), false for a lower one.</summary>
    public bool Upper { get; }

    /// <summary>The bound, <c>e</c>.</summary>
    public Evaluable Bound { get; }

    /// <summary>The variables <c>e</c> needs.</summary>
    public int[] BoundSlots { get; }

    /// <summary>The bound a comparison conjunct puts on one of its variables, or null when it has none.</summary>
    public static ObjectRangeBound? From(Expression conjunct, Func<string, int> slot, Func<Expression, Evaluable> compile)
    {
        if (conjunct is not FunctionCallExpression { IsIri: false, Arguments.Count: 2 } f) return null;
        bool less;
        switch (f.Name)
        {
            case "<" or "<=": less = true; break;
            case ">" or ">=": less = false; break;
            default: return null;
        }
        var (left, right) = (f.Arguments[0], f.Arguments[1]);
        if (left is VariableExpression v && !right.Variables().Contains(v.Name))
            return new ObjectRangeBound(slot(v.Name), less, compile(right), right.Variables().Select(slot).ToArray());
        if (right is VariableExpression w && !left.Variables().Contains(w.Name))
            return new ObjectRangeBound(slot(w.Name), !less, compile(left), left.Variables().Select(slot).ToArray());
        return null;
    }

    /// <summary>
    /// The id ranges for the bounds on one variable, given the row their expressions read; null when no
    /// bound is a number (then the conjuncts do not restrict the variable to numbers) or the source has no
    /// ordered ids.
    /// </summary>
    public static NodeRange[]? Ranges(ObjectRangeBound[] bounds, Term?[] row, EvaluationContext ctx, IEncodedQuadSource source)
    {
        double? lowest = null, highest = null;
        bool numeric = false;
        foreach (var b in bounds)
        {
            Term? value;
            try { value = b.Bound.Eval(row, ctx); }
            catch (ExpressionErrorException) { continue; }
            if (value is not Literal literal || !Numeric.TryParse(literal, out var number)) continue;
            numeric = true;
            double d = number.DoubleValue;
            if (double.IsNaN(d)) continue;
            if (b.Upper) highest = highest is double h ? Math.Min(h, d) : d;
            else lowest = lowest is double l ? Math.Max(l, d) : d;
        }
        return numeric ? source.NumericObjectRanges(lowest, highest) : null;
    }
}
