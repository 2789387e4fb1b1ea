using System.Text;

namespace TripleStore.Rdf;

/// <summary>The escaping of canonical N-Triples (RDF 1.1 section 4 of N-Triples, canonical form).</summary>
public static class NTriplesEscaping
{
    public static string EscapeString(string value)
    {
        int i = 0;
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '"' or '\\' or '\n' or '\r' || c < 0x20 || c == 0x7F) break;
        }
        if (i == value.Length) return value;
        var sb = new StringBuilder(value.Length + 8);
        sb.Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public static string EscapeIri(string value)
    {
        int i = 0;
        for (; i < value.Length; i++)
            if (NeedsIriEscape(value[i])) break;
        if (i == value.Length) return value;
        var sb = new StringBuilder(value.Length + 8);
        sb.Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (NeedsIriEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4"));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsIriEscape(char c) => c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\';
}
