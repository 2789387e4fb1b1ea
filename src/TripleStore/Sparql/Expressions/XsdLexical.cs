using System.Globalization;
using System.Numerics;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// Lexical spaces of the XSD numeric and boolean types. The checks are strict: XSD whitespace collapsing
/// is not applied, because an RDF literal's lexical form is taken as written.
/// </summary>
internal static class XsdLexical
{
    public static bool IsInteger(ReadOnlySpan<char> s)
    {
        int i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (i == s.Length) return false;
        for (; i < s.Length; i++)
            if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }

    public static bool IsDecimal(ReadOnlySpan<char> s)
    {
        int i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        int digits = 0;
        bool dot = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c)) digits++;
            else if (c == '.' && !dot) dot = true;
            else return false;
        }
        return digits > 0;
    }

    public static bool IsDouble(ReadOnlySpan<char> s)
    {
        if (s is "NaN" or "INF" or "-INF" or "+INF") return true;
        int e = s.IndexOfAny('e', 'E');
        if (e < 0) return IsDecimal(s);
        return IsDecimal(s[..e]) && IsInteger(s[(e + 1)..]);
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        switch (s)
        {
            case "true": case "1": value = true; return true;
            case "false": case "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>Parses an integer lexical form; fails when it is not one or does not fit a decimal.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        return IsInteger(s) && decimal.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (!IsDecimal(s)) return false;
        // decimal.TryParse rounds digits beyond its 28-29 digit precision instead of failing, which is
        // the best a fixed-size type can do; values out of range fail.
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (!IsDouble(s)) return false;
        switch (s)
        {
            case "NaN": value = double.NaN; return true;
            case "INF": case "+INF": value = double.PositiveInfinity; return true;
            case "-INF": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The range of a type derived from xsd:integer, checked on the parsed value.</summary>
    public static bool InIntegerRange(string datatype, decimal v) => datatype switch
    {
        XsdNames.Long => v >= long.MinValue && v <= long.MaxValue,
        XsdNames.Int => v >= int.MinValue && v <= int.MaxValue,
        XsdNames.Short => v >= short.MinValue && v <= short.MaxValue,
        XsdNames.Byte => v >= sbyte.MinValue && v <= sbyte.MaxValue,
        XsdNames.UnsignedLong => v >= 0 && v <= ulong.MaxValue,
        XsdNames.UnsignedInt => v >= 0 && v <= uint.MaxValue,
        XsdNames.UnsignedShort => v >= 0 && v <= ushort.MaxValue,
        XsdNames.UnsignedByte => v >= 0 && v <= byte.MaxValue,
        XsdNames.NonNegativeInteger => v >= 0,
        XsdNames.PositiveInteger => v > 0,
        XsdNames.NonPositiveInteger => v <= 0,
        XsdNames.NegativeInteger => v < 0,
        _ => true,
    };

    public static string FormatInteger(decimal v) => decimal.Truncate(v).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>The canonical form of xsd:decimal: no exponent, at least one digit after the point.</summary>
    public static string FormatDecimal(decimal v)
    {
        var s = v.ToString(CultureInfo.InvariantCulture);
        int dot = s.IndexOf('.');
        if (dot < 0) return s + ".0";
        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s + "0" : s;
    }

    public static string FormatDouble(double v) => FormatFloatingPoint(v, v.ToString("R", CultureInfo.InvariantCulture));

    public static string FormatFloat(float v) => FormatFloatingPoint(v, v.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>
    /// The canonical form of xsd:double and xsd:float: one non-zero digit before the point, at least one
    /// after, and an exponent ("1.5E2"), built from the shortest round-trip digits .NET gives.
    /// </summary>
    private static string FormatFloatingPoint(double v, string roundTrip)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "INF";
        if (double.IsNegativeInfinity(v)) return "-INF";
        if (v == 0) return double.IsNegative(v) ? "-0.0E0" : "0.0E0";

        var s = roundTrip.AsSpan();
        bool negative = s[0] == '-';
        if (negative) s = s[1..];
        int exponent = 0;
        int e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        // Collect the significant digits and where the point sits among them.
        Span<char> digits = stackalloc char[s.Length];
        int n = 0, pointAt = -1;
        foreach (char c in s)
        {
            if (c == '.') pointAt = n;
            else digits[n++] = c;
        }
        if (pointAt < 0) pointAt = n;
        int lead = 0;
        while (lead < n - 1 && digits[lead] == '0') lead++;
        int end = n;
        while (end > lead + 1 && digits[end - 1] == '0') end--;
        exponent += pointAt - lead - 1;
        var sb = new System.Text.StringBuilder(end - lead + 8);
        if (negative) sb.Append('-');
        sb.Append(digits[lead]).Append('.');
        if (end - lead > 1) sb.Append(digits[(lead + 1)..end]);
        else sb.Append('0');
        sb.Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
