namespace TripleStore.Rdf;

/// <summary>Checks of IRI syntax (RFC 3987), as far as RDF syntaxes require.</summary>
public static class IriSyntax
{
    /// <summary>True when <paramref name="value"/> has a scheme and no character IRIs forbid.</summary>
    public static bool IsAbsoluteIri(string value, out string? error)
    {
        error = null;
        int colon = value.IndexOf(':');
        if (colon <= 0) { error = "it has no scheme"; return false; }
        if (!char.IsAsciiLetter(value[0])) { error = "the scheme must start with a letter"; return false; }
        for (int i = 1; i < colon; i++)
        {
            char c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) { error = $"'{c}' is not allowed in a scheme"; return false; }
        }
        return HasOnlyIriCharacters(value, out error);
    }

    /// <summary>True when the text holds no character that may not appear in an IRI reference.</summary>
    public static bool HasOnlyIriCharacters(string value, out string? error)
    {
        error = null;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
            {
                error = c <= 0x20 ? $"character U+{(int)c:X4} is not allowed" : $"'{c}' is not allowed";
                return false;
            }
            if (c == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
            {
                error = "'%' must be followed by two hex digits";
                return false;
            }
        }
        return true;
    }
}
