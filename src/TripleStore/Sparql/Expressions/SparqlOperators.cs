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
    public static bool EffectiveBooleanValue(Term term) =>
        TryEffectiveBooleanValue(term, out var value) ? value : ExpressionErrorException.Throw<bool>();

    /// <summary>The effective boolean value without an exception: false when it is the error value.</summary>
    public static bool TryEffectiveBooleanValue(Term term, out bool value)
    {
        value = false;
        if (term is not Literal l) return false;
        var dt = l.Datatype.Value;
        switch (dt)
        {
            case XsdNames.Boolean:
                value = XsdLexical.TryParseBoolean(l.Value, out var b) && b;
                return true;
            case XsdNames.String:
            case XsdNames.LangString:
                value = l.Value.Length > 0;
                return true;
        }
        if (!Numeric.IsNumericDatatype(dt)) return false;
        value = Numeric.TryParse(l, out var n) && !n.IsZero && !n.IsNaN;
        return true;
    }

    /// <summary>
    /// The = operator: by value for the types the engine knows, RDFterm-equal otherwise. Literals of
    /// known, disjoint types are unequal; literals of unknown or ill-typed datatypes are equal when
    /// they are the same term and an error otherwise (the engine cannot tell whether their values are equal).
    /// </summary>
    public static bool Equal(Term left, Term right) =>
        TryEqual(left, right, out var equal) ? equal : ExpressionErrorException.Throw<bool>();

    public static bool NotEqual(Term left, Term right) => !Equal(left, right);

    /// <summary>The = operator without an exception: false when the comparison is the error value.</summary>
    public static bool TryEqual(Term left, Term right, out bool equal)
    {
        equal = false;
        if (left is not Literal a || right is not Literal b)
        {
            equal = left.Equals(right);
            return true;
        }
        if (ReferenceEquals(a, b))
        {
            // The same instance is the same term; only NaN is unequal to itself.
            var self = LiteralValue.Read(a);
            equal = self.Category != ValueCategory.Numeric || !self.Number.IsNaN;
            return true;
        }
        var x = LiteralValue.Read(a);
        var y = LiteralValue.Read(b);
        if (x.Category is ValueCategory.Unknown or ValueCategory.IllTyped || y.Category is ValueCategory.Unknown or ValueCategory.IllTyped)
        {
            equal = a.Equals(b);
            return equal;
        }
        if (x.Category != y.Category) return true; // disjoint value spaces: unequal
        switch (x.Category)
        {
            case ValueCategory.String:
                equal = string.Equals(a.Value, b.Value, StringComparison.Ordinal);
                return true;
            case ValueCategory.LangString:
                equal = a.Equals(b);
                return true;
            case ValueCategory.Boolean:
                equal = x.Boolean == y.Boolean;
                return true;
            case ValueCategory.Numeric:
                equal = Numeric.Compare(x.Number, y.Number) == 0;
                return true;
            case ValueCategory.Temporal:
                if (x.Temporal.Kind != y.Temporal.Kind) return true;
                if (XsdDateTime.Compare(x.Temporal, y.Temporal) is not int t) return false;
                equal = t == 0;
                return true;
            default: // Duration
                if (XsdDuration.Compare(x.Duration, y.Duration) is not int d) return false;
                equal = d == 0;
                return true;
        }
    }

    public static bool LessThan(Term left, Term right) => Compare(left, right) is int c && c < 0;

    public static bool LessThanOrEqual(Term left, Term right) => Compare(left, right) is int c && c <= 0;

    public static bool GreaterThan(Term left, Term right) => Compare(left, right) is int c && c > 0;

    public static bool GreaterThanOrEqual(Term left, Term right) => Compare(left, right) is int c && c >= 0;

    /// <summary>
    /// Orders two values for &lt;, &lt;=, &gt; and &gt;=. Returns the sign of left - right, or null when the
    /// values are unordered (NaN), which makes every such comparison false. Throws the error value for
    /// values &lt; does not order (see <see cref="TryCompare"/>).
    /// </summary>
    public static int? Compare(Term left, Term right) =>
        TryCompare(left, right, out var order) ? order : ExpressionErrorException.Throw<int?>();

    /// <summary>
    /// Orders numbers, strings (by code point), booleans, and date/times and durations of one kind.
    /// False (the error value) for anything else, including language-tagged strings and indeterminate
    /// date comparisons. On success <paramref name="order"/> is null when a NaN makes the pair unordered.
    /// </summary>
    public static bool TryCompare(Term left, Term right, out int? order)
    {
        order = null;
        if (left is not Literal a || right is not Literal b) return false;
        var x = LiteralValue.Read(a);
        var y = LiteralValue.Read(b);
        if (x.Category != y.Category) return false;
        switch (x.Category)
        {
            case ValueCategory.String:
                order = CodepointString.Compare(a.Value, b.Value);
                return true;
            case ValueCategory.Boolean:
                order = x.Boolean.CompareTo(y.Boolean);
                return true;
            case ValueCategory.Numeric:
                order = Numeric.Compare(x.Number, y.Number);
                return true;
            case ValueCategory.Temporal:
                order = XsdDateTime.Compare(x.Temporal, y.Temporal);
                return order.HasValue;
            case ValueCategory.Duration:
                order = XsdDuration.Compare(x.Duration, y.Duration);
                return order.HasValue;
            default:
                return false;
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
