using System.Text;
using TripleStore.Formats.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.Turtle;

/// <summary>Which terms the Turtle writer may print in their short forms.</summary>
internal static class TurtleLexicalForms
{
    /// <summary>
    /// True when the literal can be written as a bare token that a Turtle reader turns back into the
    /// same literal: INTEGER, DECIMAL, DOUBLE or a boolean keyword, with exactly this lexical form.
    /// </summary>
    public static bool CanWriteBare(string value, string datatype) => datatype switch
    {
        Xsd.Namespace + "integer" => IsInteger(value),
        Xsd.Namespace + "decimal" => IsDecimal(value),
        Xsd.Namespace + "double" => IsDouble(value),
        Xsd.Namespace + "boolean" => value is "true" or "false",
        _ => false,
    };

    private static int Sign(string s) => s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;

    private static int Digits(string s, int i)
    {
        while (i < s.Length && CharClasses.IsDigit(s[i])) i++;
        return i;
    }

    public static bool IsInteger(string s)
    {
        int start = Sign(s);
        int end = Digits(s, start);
        return end > start && end == s.Length;
    }

    public static bool IsDecimal(string s)
    {
        int i = Digits(s, Sign(s));
        if (i >= s.Length || s[i] != '.') return false;
        int end = Digits(s, i + 1);
        return end > i + 1 && end == s.Length;
    }

    public static bool IsDouble(string s)
    {
        int start = Sign(s);
        int i = Digits(s, start);
        int mantissaDigits = i - start;
        if (i < s.Length && s[i] == '.')
        {
            int end = Digits(s, i + 1);
            mantissaDigits += end - i - 1;
            i = end;
        }
        if (mantissaDigits == 0 || i >= s.Length || s[i] is not ('e' or 'E')) return false;
        i++;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int expEnd = Digits(s, i);
        return expEnd > i && expEnd == s.Length;
    }

    /// <summary>
    /// True when <paramref name="local"/> is a PN_LOCAL that needs no escapes ('%XX' is allowed as
    /// written), so "prefix:local" reads back as the same IRI.
    /// </summary>
    public static bool IsPlainLocalName(ReadOnlySpan<char> local)
    {
        if (local.Length == 0) return true;
        for (int i = 0; i < local.Length; i++)
        {
            char c = local[i];
            if (c == '%')
            {
                if (i + 2 >= local.Length || !CharClasses.IsHex(local[i + 1]) || !CharClasses.IsHex(local[i + 2])) return false;
                i += 2;
                continue;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= local.Length || !char.IsLowSurrogate(local[i + 1])) return false;
                if (char.ConvertToUtf32(c, local[i + 1]) > 0xEFFFF) return false;
                i++;
                continue;
            }
            bool ok = i == 0
                ? CharClasses.IsPnCharsU(c) || c == ':' || CharClasses.IsDigit(c)
                : CharClasses.IsPnChars(c) || c == ':' || (c == '.' && i < local.Length - 1);
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>
    /// The body of a """long string""": line feeds and tabs stay as they are; quotes, backslashes and other
    /// control characters (carriage returns included, so no editor can change them) are escaped.
    /// </summary>
    public static string EscapeLongString(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\n': sb.Append('\n'); break;
                case '\t': sb.Append('\t'); break;
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
