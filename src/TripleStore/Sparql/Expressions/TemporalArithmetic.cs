using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The XPath date/time and duration arithmetic (F&amp;O 3.1 sections 8.4 and 9.7) that SPARQL 1.2 adopts:
/// date/time minus date/time, date/time plus or minus a duration, and durations scaled or summed.
/// Only xsd:dayTimeDuration and xsd:yearMonthDuration take part; a general xsd:duration has no arithmetic.
/// </summary>
internal static class TemporalArithmetic
{
    public static Term Add(Term left, Term right)
    {
        if (TryTemporal(left, out var t) && TryTypedDuration(right, out var d)) return Shift(t, d, 1).ToLiteral();
        if (TryTypedDuration(left, out d) && TryTemporal(right, out t)) return Shift(t, d, 1).ToLiteral();
        if (TryTypedDuration(left, out var a) && TryTypedDuration(right, out var b) && SameDurationType(a, b))
            return Checked(() => new XsdDuration(a.Months + b.Months, a.Seconds + b.Seconds, a.Datatype).ToLiteral());
        return ExpressionErrorException.Throw<Term>();
    }

    public static Term Subtract(Term left, Term right)
    {
        if (TryTemporal(left, out var t))
        {
            if (TryTemporal(right, out var u) && t.Kind == u.Kind)
                return XsdDuration.DayTime(t.TimelineSeconds - u.TimelineSeconds).ToLiteral();
            if (TryTypedDuration(right, out var d)) return Shift(t, d, -1).ToLiteral();
        }
        if (TryTypedDuration(left, out var a) && TryTypedDuration(right, out var b) && SameDurationType(a, b))
            return Checked(() => new XsdDuration(a.Months - b.Months, a.Seconds - b.Seconds, a.Datatype).ToLiteral());
        return ExpressionErrorException.Throw<Term>();
    }

    public static Term Multiply(Term left, Term right)
    {
        if (TryTypedDuration(left, out var d) && right is Literal r && Numeric.TryParse(r, out var n)) return Scale(d, n, false);
        if (TryTypedDuration(right, out d) && left is Literal l && Numeric.TryParse(l, out n)) return Scale(d, n, false);
        return ExpressionErrorException.Throw<Term>();
    }

    public static Term Divide(Term left, Term right)
    {
        if (!TryTypedDuration(left, out var d)) return ExpressionErrorException.Throw<Term>();
        if (right is Literal r && Numeric.TryParse(r, out var n)) return Scale(d, n, true);
        if (TryTypedDuration(right, out var e) && SameDurationType(d, e))
        {
            decimal x = d.Months != 0 ? d.Months : d.Seconds, y = e.Months != 0 ? e.Months : e.Seconds;
            if (y == 0) return ExpressionErrorException.Throw<Term>();
            return Numeric.FromDecimal(x / y).ToLiteral();
        }
        return ExpressionErrorException.Throw<Term>();
    }

    private static Term Scale(XsdDuration d, Numeric n, bool divide)
    {
        double f = n.DoubleValue;
        if (double.IsNaN(f) || (divide && f == 0) || (!divide && double.IsInfinity(f))) return ExpressionErrorException.Throw<Term>();
        return Checked(() =>
        {
            decimal factor = n.IsExact ? n.DecimalValue : (decimal)f;
            if (d.Datatype.Value == XsdNames.YearMonthDuration)
            {
                // fn:multiply-yearMonthDuration rounds to whole months, halves upward.
                decimal months = divide ? d.Months / factor : d.Months * factor;
                return new XsdDuration((long)Math.Floor(months + 0.5m), 0, d.Datatype).ToLiteral();
            }
            return XsdDuration.DayTime(divide ? d.Seconds / factor : d.Seconds * factor).ToLiteral();
        });
    }

    private static XsdDateTime Shift(XsdDateTime t, XsdDuration d, int sign)
    {
        if (t.Kind == TemporalKind.Time && d.Months != 0) ExpressionErrorException.Throw();
        try
        {
            return t.AddMonths(sign * d.Months).AddSeconds(sign * d.Seconds);
        }
        catch (OverflowException)
        {
            throw ExpressionErrorException.Instance;
        }
    }

    private static Term Checked(Func<Term> compute)
    {
        try { return compute(); }
        catch (OverflowException) { throw ExpressionErrorException.Instance; }
        catch (DivideByZeroException) { throw ExpressionErrorException.Instance; }
    }

    private static bool SameDurationType(XsdDuration a, XsdDuration b) => a.Datatype.Value == b.Datatype.Value;

    private static bool TryTemporal(Term term, out XsdDateTime value)
    {
        value = default;
        return term is Literal l && XsdDateTime.TryParse(l, out value);
    }

    private static bool TryTypedDuration(Term term, out XsdDuration value)
    {
        value = default;
        return term is Literal l && l.Datatype.Value is XsdNames.DayTimeDuration or XsdNames.YearMonthDuration
            && XsdDuration.TryParse(l, out value);
    }
}
