using System.Globalization;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The XPath constructor functions SPARQL calls by datatype IRI (section 17.5), e.g. xsd:integer("12").
/// A cast from a string parses its (whitespace-trimmed) lexical form; a cast between value types
/// converts the value. An unsupported source, an ill-typed literal or a value out of range is an error.
/// </summary>
internal static class XsdCasts
{
    private static readonly char[] XmlWhitespace = [' ', '\t', '\n', '\r'];

    /// <summary>The datatypes that have a cast, by IRI.</summary>
    public static IEnumerable<string> Targets =>
    [
        XsdNames.String, XsdNames.Boolean, XsdNames.Integer, XsdNames.Decimal, XsdNames.Float, XsdNames.Double,
        XsdNames.DateTime, XsdNames.Date, XsdNames.Time,
        XsdNames.Long, XsdNames.Int, XsdNames.Short, XsdNames.Byte, XsdNames.NonNegativeInteger, XsdNames.NonPositiveInteger,
        XsdNames.NegativeInteger, XsdNames.PositiveInteger, XsdNames.UnsignedLong, XsdNames.UnsignedInt,
        XsdNames.UnsignedShort, XsdNames.UnsignedByte,
    ];

    public static SparqlFunction For(string target) => (args, _) => Cast(target, args[0]);

    public static Term Cast(string target, Term source)
    {
        if (source is Iri iri)
            return target == XsdNames.String ? Literal.Simple(iri.Value) : ExpressionErrorException.Throw<Term>();
        if (source is not Literal literal) return ExpressionErrorException.Throw<Term>();
        var category = LiteralValues.Categorize(literal);
        if (category is ValueCategory.LangString or ValueCategory.Unknown or ValueCategory.IllTyped)
            return ExpressionErrorException.Throw<Term>();
        return target switch
        {
            XsdNames.String => Literal.Simple(ToXPathString(literal, category)),
            XsdNames.Boolean => ToBoolean(literal, category),
            XsdNames.Decimal => ToDecimal(literal, category),
            XsdNames.Float => ToFloatingPoint(literal, category, NumericType.Float),
            XsdNames.Double => ToFloatingPoint(literal, category, NumericType.Double),
            XsdNames.DateTime => ToTemporal(literal, category, TemporalKind.DateTime),
            XsdNames.Date => ToTemporal(literal, category, TemporalKind.Date),
            XsdNames.Time => ToTemporal(literal, category, TemporalKind.Time),
            _ when target == XsdNames.Integer || XsdNames.IsDerivedInteger(target) => ToInteger(literal, category, target),
            _ => ExpressionErrorException.Throw<Term>(),
        };
    }

    /// <summary>The XPath string form of a value: canonical, but integral decimals and mid-sized doubles without point or exponent.</summary>
    internal static string ToXPathString(Literal literal, ValueCategory category)
    {
        switch (category)
        {
            case ValueCategory.String:
                return literal.Value;
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(literal, out var b);
                return b ? "true" : "false";
            case ValueCategory.Numeric:
                Numeric.TryParse(literal, out var n);
                return n.Type switch
                {
                    NumericType.Integer => XsdLexical.FormatInteger(n.DecimalValue),
                    NumericType.Decimal => TrimPointZero(XsdLexical.FormatDecimal(n.DecimalValue)),
                    _ => FloatingPointString(n),
                };
            case ValueCategory.Temporal:
                XsdDateTime.TryParse(literal, out var t);
                return t.ToString();
            default:
                XsdDuration.TryParse(literal, out var d);
                return d.ToString();
        }
    }

    private static string FloatingPointString(Numeric n)
    {
        double v = n.DoubleValue;
        double abs = Math.Abs(v);
        if (v == 0) return double.IsNegative(v) ? "-0" : "0";
        if (abs >= 1e-6 && abs < 1e6)
        {
            string s = n.Type == NumericType.Float
                ? ((decimal)(float)v).ToString(CultureInfo.InvariantCulture)
                : ((decimal)v).ToString(CultureInfo.InvariantCulture);
            return s.Contains('.') ? s.TrimEnd('0').TrimEnd('.') : s;
        }
        return n.Type == NumericType.Float ? XsdLexical.FormatFloat((float)v) : XsdLexical.FormatDouble(v);
    }

    private static string TrimPointZero(string s) => s.EndsWith(".0", StringComparison.Ordinal) ? s[..^2] : s;

    private static Term ToBoolean(Literal literal, ValueCategory category)
    {
        switch (category)
        {
            case ValueCategory.String:
                return XsdLexical.TryParseBoolean(literal.Value.Trim(XmlWhitespace), out var parsed)
                    ? SparqlOperators.Boolean(parsed) : ExpressionErrorException.Throw<Term>();
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(literal, out var b);
                return SparqlOperators.Boolean(b);
            case ValueCategory.Numeric:
                Numeric.TryParse(literal, out var n);
                return SparqlOperators.Boolean(!n.IsZero && !n.IsNaN);
            default:
                return ExpressionErrorException.Throw<Term>();
        }
    }

    private static Term ToInteger(Literal literal, ValueCategory category, string target)
    {
        decimal value;
        switch (category)
        {
            case ValueCategory.String:
                if (!XsdLexical.TryParseInteger(literal.Value.Trim(XmlWhitespace), out value)) ExpressionErrorException.Throw();
                break;
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(literal, out var b);
                value = b ? 1 : 0;
                break;
            case ValueCategory.Numeric:
                Numeric.TryParse(literal, out var n);
                value = TruncateToDecimal(n);
                break;
            default:
                return ExpressionErrorException.Throw<Term>();
        }
        if (!XsdLexical.InIntegerRange(target, value)) ExpressionErrorException.Throw();
        return Literal.Typed(XsdLexical.FormatInteger(value), Xsd.Intern(target));
    }

    private static decimal TruncateToDecimal(Numeric n)
    {
        if (n.IsExact) return decimal.Truncate(n.DecimalValue);
        double d = Math.Truncate(n.DoubleValue);
        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) >= 7.9e28) ExpressionErrorException.Throw();
        return (decimal)d;
    }

    private static Term ToDecimal(Literal literal, ValueCategory category)
    {
        switch (category)
        {
            case ValueCategory.String:
                return XsdLexical.TryParseDecimal(literal.Value.Trim(XmlWhitespace), out var parsed)
                    ? Numeric.FromDecimal(parsed).ToLiteral() : ExpressionErrorException.Throw<Term>();
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(literal, out var b);
                return Numeric.FromDecimal(b ? 1 : 0).ToLiteral();
            case ValueCategory.Numeric:
                Numeric.TryParse(literal, out var n);
                if (n.IsExact) return Numeric.FromDecimal(n.DecimalValue).ToLiteral();
                double d = n.DoubleValue;
                if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) >= 7.9e28) return ExpressionErrorException.Throw<Term>();
                // Through the shortest round-trip text, so 1.1f becomes 1.1 and not 1.10000002384185791015625.
                var text = n.Type == NumericType.Float
                    ? ((float)d).ToString("R", CultureInfo.InvariantCulture)
                    : d.ToString("R", CultureInfo.InvariantCulture);
                return Numeric.FromDecimal(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)).ToLiteral();
            default:
                return ExpressionErrorException.Throw<Term>();
        }
    }

    private static Term ToFloatingPoint(Literal literal, ValueCategory category, NumericType type)
    {
        double value;
        switch (category)
        {
            case ValueCategory.String:
                if (!XsdLexical.TryParseDouble(literal.Value.Trim(XmlWhitespace), out value)) ExpressionErrorException.Throw();
                break;
            case ValueCategory.Boolean:
                LiteralValues.TryGetBoolean(literal, out var b);
                value = b ? 1 : 0;
                break;
            case ValueCategory.Numeric:
                Numeric.TryParse(literal, out var n);
                value = n.DoubleValue;
                break;
            default:
                return ExpressionErrorException.Throw<Term>();
        }
        return (type == NumericType.Float ? Numeric.FromFloat(value) : Numeric.FromDouble(value)).ToLiteral();
    }

    private static Term ToTemporal(Literal literal, ValueCategory category, TemporalKind kind)
    {
        if (category == ValueCategory.String)
            return XsdDateTime.TryParse(literal.Value.Trim(XmlWhitespace), kind, out var parsed) ? parsed.ToLiteral() : ExpressionErrorException.Throw<Term>();
        if (category != ValueCategory.Temporal) return ExpressionErrorException.Throw<Term>();
        XsdDateTime.TryParse(literal, out var v);
        if (v.Kind == kind) return v.ToLiteral();
        return (v.Kind, kind) switch
        {
            (TemporalKind.DateTime, TemporalKind.Date) => new XsdDateTime(kind, v.Year, v.Month, v.Day, 0, 0, 0, v.TimezoneMinutes).ToLiteral(),
            (TemporalKind.DateTime, TemporalKind.Time) => new XsdDateTime(kind, 0, 1, 1, v.Hour, v.Minute, v.Second, v.TimezoneMinutes).ToLiteral(),
            (TemporalKind.Date, TemporalKind.DateTime) => new XsdDateTime(kind, v.Year, v.Month, v.Day, 0, 0, 0, v.TimezoneMinutes).ToLiteral(),
            _ => ExpressionErrorException.Throw<Term>(),
        };
    }
}
