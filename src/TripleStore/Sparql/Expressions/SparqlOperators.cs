using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The SPARQL 1.1 operators (section 17.3) over RDF terms. Every member throws
/// <see cref="ExpressionErrorException"/> for the SPARQL error value; callers map unbound variables
/// to that error before calling.
/// </summary>
public static class SparqlOperators
{
    public static readonly Literal True = Literal.Typed("true", Xsd.Boolean);
    public static readonly Literal False = Literal.Typed("false", Xsd.Boolean);

    public static Literal Boolean(bool value) => value ? True : False;

    /// <summary>
    /// The effective boolean value (section 17.2.2): booleans and numbers by value (an ill-typed one is
    /// false), string literals true when non-empty; anything else is an error.
    /// </summary>
    public static bool EffectiveBooleanValue(Term term)
    {
        if (term is not Literal l) return ExpressionErrorException.Throw<bool>();
        var dt = l.Datatype.Value;
        switch (dt)
        {
            case XsdNames.Boolean:
                return XsdLexical.TryParseBoolean(l.Value, out var b) && b;
            case XsdNames.String:
            case XsdNames.LangString:
                return l.Value.Length > 0;
        }
        if (Numeric.IsNumericDatatype(dt))
            return Numeric.TryParse(l, out var n) && !n.IsZero && !n.IsNaN;
        return ExpressionErrorException.Throw<bool>();
    }

    /// <summary>
    /// The = operator: by value for the types the engine knows, RDFterm-equal otherwise. Literals of
    /// known, disjoint types are unequal; literals of unknown or ill-typed datatypes are equal when
    /// they are the same term and an error otherwise (the engine cannot tell whether their values are equal).
    /// </summary>
    public static bool Equal(Term left, Term right)
    {
        if (left is not Literal a || right is not Literal b) return left.Equals(right);
        var ca = LiteralValues.Categorize(a);
        var cb = LiteralValues.Categorize(b);
        if (ca != cb || ca is ValueCategory.Unknown or ValueCategory.IllTyped)
        {
            if (ca is ValueCategory.Unknown or ValueCategory.IllTyped || cb is ValueCategory.Unknown or ValueCategory.IllTyped)
                return a.Equals(b) || ExpressionErrorException.Throw<bool>();
            return false;
        }
        switch (ca)
        {
            case ValueCategory.String:
                return string.Equals(a.Value, b.Value, StringComparison.Ordinal);
            case ValueCategory.LangString:
                return a.Equals(b);
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(a, out var x);
                LiteralValues.TryGetBoolean(b, out var y);
                return x == y;
            case ValueCategory.Numeric:
                Numeric.TryParse(a, out var p);
                Numeric.TryParse(b, out var q);
                return Numeric.Compare(p, q) == 0;
            case ValueCategory.Temporal:
                XsdDateTime.TryParse(a, out var s);
                XsdDateTime.TryParse(b, out var t);
                if (s.Kind != t.Kind) return false;
                return (XsdDateTime.Compare(s, t) ?? ExpressionErrorException.Throw<int>()) == 0;
            default: // Duration
                XsdDuration.TryParse(a, out var d);
                XsdDuration.TryParse(b, out var e);
                return (XsdDuration.Compare(d, e) ?? ExpressionErrorException.Throw<int>()) == 0;
        }
    }

    public static bool NotEqual(Term left, Term right) => !Equal(left, right);

    public static bool LessThan(Term left, Term right) => Compare(left, right) is int c && c < 0;

    public static bool LessThanOrEqual(Term left, Term right) => Compare(left, right) is int c && c <= 0;

    public static bool GreaterThan(Term left, Term right) => Compare(left, right) is int c && c > 0;

    public static bool GreaterThanOrEqual(Term left, Term right) => Compare(left, right) is int c && c >= 0;

    /// <summary>
    /// Orders two values for &lt;, &lt;=, &gt; and &gt;=: numbers, strings (by code point), booleans,
    /// date/times and durations of one kind. Null means unordered (NaN), which makes every comparison false.
    /// Anything else, including language-tagged strings and indeterminate date comparisons, is an error.
    /// </summary>
    internal static int? Compare(Term left, Term right)
    {
        if (left is not Literal a || right is not Literal b) return ExpressionErrorException.Throw<int?>();
        var ca = LiteralValues.Categorize(a);
        if (ca != LiteralValues.Categorize(b)) return ExpressionErrorException.Throw<int?>();
        switch (ca)
        {
            case ValueCategory.String:
                return CodepointString.Compare(a.Value, b.Value);
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(a, out var x);
                LiteralValues.TryGetBoolean(b, out var y);
                return x.CompareTo(y);
            case ValueCategory.Numeric:
                Numeric.TryParse(a, out var p);
                Numeric.TryParse(b, out var q);
                return Numeric.Compare(p, q);
            case ValueCategory.Temporal:
                XsdDateTime.TryParse(a, out var s);
                XsdDateTime.TryParse(b, out var t);
                return XsdDateTime.Compare(s, t) ?? ExpressionErrorException.Throw<int>();
            case ValueCategory.Duration:
                XsdDuration.TryParse(a, out var d);
                XsdDuration.TryParse(b, out var e);
                return XsdDuration.Compare(d, e) ?? ExpressionErrorException.Throw<int>();
            default:
                return ExpressionErrorException.Throw<int?>();
        }
    }

    public static Term Add(Term left, Term right)
    {
        if (TryNumbers(left, right, out var a, out var b)) return Numeric.Add(a, b).ToLiteral();
        return TemporalArithmetic.Add(left, right);
    }

    public static Term Subtract(Term left, Term right)
    {
        if (TryNumbers(left, right, out var a, out var b)) return Numeric.Subtract(a, b).ToLiteral();
        return TemporalArithmetic.Subtract(left, right);
    }

    public static Term Multiply(Term left, Term right)
    {
        if (TryNumbers(left, right, out var a, out var b)) return Numeric.Multiply(a, b).ToLiteral();
        return TemporalArithmetic.Multiply(left, right);
    }

    /// <summary>Division; xsd:integer by xsd:integer gives xsd:decimal, and exact division by zero is an error.</summary>
    public static Term Divide(Term left, Term right)
    {
        if (TryNumbers(left, right, out var a, out var b)) return Numeric.Divide(a, b).ToLiteral();
        return TemporalArithmetic.Divide(left, right);
    }

    /// <summary>Unary plus: the number itself, promoted from a derived integer type to xsd:integer.</summary>
    public static Term UnaryPlus(Term operand) => LiteralValues.RequireNumeric(operand).ToLiteral();

    public static Term UnaryMinus(Term operand)
    {
        if (operand is Literal l && XsdDuration.TryParse(l, out var d))
            return new XsdDuration(-d.Months, -d.Seconds, d.Datatype).ToLiteral();
        return LiteralValues.RequireNumeric(operand).Negate().ToLiteral();
    }

    /// <summary>The ! operator on an effective boolean value.</summary>
    public static Literal Not(Term operand) => Boolean(!EffectiveBooleanValue(operand));

    private static bool TryNumbers(Term left, Term right, out Numeric a, out Numeric b)
    {
        a = b = default;
        return left is Literal x && right is Literal y && Numeric.TryParse(x, out a) && Numeric.TryParse(y, out b);
    }
}
