using System.Globalization;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>A single RDF term in Turtle syntax without prefixes, as TSV results write them.</summary>
internal static class TurtleTermSyntax
{
    /// <summary>Parses the term at the start of <paramref name="s"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public static Term Parse(string s, BlankNodeScope blankNodes, out int consumed)
    {
        if (s.Length == 0) throw new FormatException("empty");
        switch (s[0])
        {
            case '<':
            {
                int i = 1;
                var iri = ReadUntil(s, ref i, '>', allowEchar: false);
                consumed = i;
                return new Iri(iri);
            }
            case '_':
            {
                if (s.Length < 3 || s[1] != ':') throw new FormatException("a blank node is written _:label");
                int i = 2;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '-' or '.' or '\u00B7')) i++;
                while (i > 2 && s[i - 1] == '.') i--; // a label cannot end with '.'
                if (i == 2) throw new FormatException("the blank node label is empty");
                consumed = i;
                return blankNodes.Get(s[2..i]);
            }
            case '"':
            case '\'':
                return ParseLiteral(s, out consumed);
            default:
                return ParseBare(s, out consumed);
        }
    }

    private static Term ParseLiteral(string s, out int consumed)
    {
        char quote = s[0];
        int i = 1;
        var value = ReadUntil(s, ref i, quote, allowEchar: true);
        if (i < s.Length && s[i] == '@')
        {
            int start = ++i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-')) i++;
            if (i == start) throw new FormatException("the language tag is empty");
            consumed = i;
            return Literal.LangString(value, s[start..i]);
        }
        if (i + 1 < s.Length && s[i] == '^' && s[i + 1] == '^')
        {
            i += 2;
            if (i >= s.Length || s[i] != '<') throw new FormatException("a datatype is written ^^<iri>");
            i++;
            var datatype = ReadUntil(s, ref i, '>', allowEchar: false);
            consumed = i;
            if (datatype == RdfVocabulary.LangStringIri) throw new FormatException("an rdf:langString literal needs a language tag");
            return Literal.Typed(value, Xsd.Intern(datatype));
        }
        consumed = i;
        return Literal.Simple(value);
    }

    private static Term ParseBare(string s, out int consumed)
    {
        consumed = s.Length;
        if (s is "true" or "false") return Literal.Typed(s, Xsd.Boolean);
        return TurtleNumber.Classify(s) switch
        {
            TurtleNumber.NumberKind.Integer => Literal.Typed(s, Xsd.Integer),
            TurtleNumber.NumberKind.Decimal => Literal.Typed(s, Xsd.Decimal),
            TurtleNumber.NumberKind.Double => Literal.Typed(s, Xsd.Double),
            _ => throw new FormatException("expected <iri>, _:label, a quoted literal, a number or a boolean"),
        };
    }

    /// <summary>Reads up to the closing <paramref name="end"/>, decoding \u and \U escapes (and string escapes in literals).</summary>
    private static string ReadUntil(string s, ref int i, char end, bool allowEchar)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= s.Length) throw new FormatException($"missing closing {end}");
            char c = s[i++];
            if (c == end) return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (i >= s.Length) throw new FormatException("a backslash ends the text");
            char e = s[i++];
            switch (e)
            {
                case 'u': sb.Append(Hex(s, ref i, 4)); break;
                case 'U': sb.Append(Hex(s, ref i, 8)); break;
                case 't' when allowEchar: sb.Append('\t'); break;
                case 'b' when allowEchar: sb.Append('\b'); break;
                case 'n' when allowEchar: sb.Append('\n'); break;
                case 'r' when allowEchar: sb.Append('\r'); break;
                case 'f' when allowEchar: sb.Append('\f'); break;
                case '"' or '\'' or '\\' when allowEchar: sb.Append(e); break;
                default: throw new FormatException($"'\\{e}' is not a valid escape");
            }
        }
    }

    private static string Hex(string s, ref int i, int digits)
    {
        if (i + digits > s.Length || !int.TryParse(s.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int cp)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            throw new FormatException($"expected {digits} hex digits of a code point");
        i += digits;
        return char.ConvertFromUtf32(cp);
    }
}
