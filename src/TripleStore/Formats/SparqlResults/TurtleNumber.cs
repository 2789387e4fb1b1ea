using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>Turtle's bare numeric literals (INTEGER, DECIMAL, DOUBLE productions) and the datatypes they stand for.</summary>
internal static class TurtleNumber
{
    /// <summary>True when the literal can be written as a bare Turtle number that reads back as the same term.</summary>
    public static bool Matches(Literal l)
    {
        var dt = l.Datatype.Value;
        if (ReferenceEquals(l.Datatype, Xsd.Integer) || dt == Xsd.Integer.Value) return Classify(l.Value) == NumberKind.Integer;
        if (ReferenceEquals(l.Datatype, Xsd.Decimal) || dt == Xsd.Decimal.Value) return Classify(l.Value) == NumberKind.Decimal;
        if (ReferenceEquals(l.Datatype, Xsd.Double) || dt == Xsd.Double.Value) return Classify(l.Value) == NumberKind.Double;
        return false;
    }

    public enum NumberKind { None, Integer, Decimal, Double }

    /// <summary>[+-]? digits, [+-]? digits? '.' digits, or either mantissa (or "digits.") with an exponent.</summary>
    public static NumberKind Classify(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int intDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; intDigits++; }
        int fracDigits = 0;
        bool dot = false;
        if (i < s.Length && s[i] == '.')
        {
            dot = true;
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; fracDigits++; }
        }
        if (i == s.Length)
        {
            if (!dot) return intDigits > 0 ? NumberKind.Integer : NumberKind.None;
            return fracDigits > 0 ? NumberKind.Decimal : NumberKind.None;
        }
        if (s[i] is not ('e' or 'E') || intDigits + fracDigits == 0) return NumberKind.None;
        i++;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int expDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; expDigits++; }
        return i == s.Length && expDigits > 0 ? NumberKind.Double : NumberKind.None;
    }
}
