namespace TripleStore.Formats.Text;

/// <summary>The character classes of the Turtle family grammars (RDF 1.1 Turtle section 6.5).</summary>
internal static class CharClasses
{
    public static bool IsPnCharsBase(int c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a'
        || (c >= 0xC0 && (c <= 0xD6
            || (c >= 0xD8 && c <= 0xF6)
            || (c >= 0xF8 && c <= 0x2FF)
            || (c >= 0x370 && c <= 0x37D)
            || (c >= 0x37F && c <= 0x1FFF)
            || (c >= 0x200C && c <= 0x200D)
            || (c >= 0x2070 && c <= 0x218F)
            || (c >= 0x2C00 && c <= 0x2FEF)
            || (c >= 0x3001 && c <= 0xD7FF)
            || (c >= 0xF900 && c <= 0xFDCF)
            || (c >= 0xFDF0 && c <= 0xFFFD)
            || (c >= 0x10000 && c <= 0xEFFFF)));

    public static bool IsPnCharsU(int c) => c == '_' || IsPnCharsBase(c);

    public static bool IsPnChars(int c) =>
        IsPnCharsU(c) || c == '-' || (uint)(c - '0') <= 9 || c == 0xB7
        || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);

    public static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    public static bool IsHex(int c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 5;

    public static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Characters that may not appear in an IRIREF, raw or produced by an escape.</summary>
    public static bool IsForbiddenInIri(int c) =>
        c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\';

    /// <summary>The characters a PN_LOCAL_ESC may escape.</summary>
    public static bool IsLocalEscapable(int c) =>
        c is '_' or '~' or '.' or '-' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ','
            or ';' or '=' or '/' or '?' or '#' or '@' or '%';
}
