using System.Text;

namespace TripleStore.Remote;

/// <summary>
/// Normalizes the text of a query sent to a remote endpoint for use in a cache key, without parsing it
/// (the server may accept syntax this engine does not): comments go, runs of white space become one
/// space, and strings and IRIs stay exactly as written. Also tells whether the text calls a function
/// whose answer changes from call to call (RAND, NOW, UUID, STRUUID, BNODE) or reads a SERVICE, which
/// keep a query out of the shared cache.
/// </summary>
internal static class SparqlTextNormalizer
{
    private static readonly HashSet<string> Volatile = new(StringComparer.OrdinalIgnoreCase) { "RAND", "NOW", "UUID", "STRUUID", "BNODE", "SERVICE" };

    public static string Normalize(string text, out bool cacheable)
    {
        cacheable = true;
        var output = new StringBuilder(text.Length);
        bool space = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                space = true;
                continue;
            }
            if (space && output.Length > 0) output.Append(' ');
            space = false;
            int start = i;
            if (c is '"' or '\'')
            {
                bool triple = i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c;
                i += triple ? 3 : 1;
                while (i < text.Length)
                {
                    if (text[i] == '\\') { i += 2; continue; }
                    if (text[i] == c && (!triple || (i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c)))
                    {
                        i += triple ? 3 : 1;
                        break;
                    }
                    if (!triple && text[i] == '\n') break;
                    i++;
                }
            }
            else if (c == '<' && IriEnd(text, i) is int end)
            {
                i = end + 1;
            }
            else if (c is '?' or '$' or '@')
            {
                // Variables and language tags: ?now is a name, not a call.
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or ':' or '.')) i++;
                var word = text.AsSpan(start, i - start).TrimEnd('.');
                if (Volatile.Contains(word.ToString()) && (word.Equals("SERVICE", StringComparison.OrdinalIgnoreCase) || NextNonSpace(text, i) == '(')) cacheable = false;
            }
            else i++;
            output.Append(text, start, Math.Min(i, text.Length) - start);
        }
        return output.ToString();
    }

    /// <summary>The index of the '>' closing an IRI reference at <paramref name="start"/>, or null when '<' is an operator.</summary>
    private static int? IriEnd(string text, int start)
    {
        for (int i = start + 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '>') return i;
            if (char.IsWhiteSpace(c) || c is '<' or '"' or '{' or '}' or '|' or '^' or '`' or '\\') return null;
        }
        return null;
    }

    private static char NextNonSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i < text.Length ? text[i] : '\0';
    }
}
