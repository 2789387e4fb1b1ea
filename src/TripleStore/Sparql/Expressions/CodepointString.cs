namespace TripleStore.Sparql.Expressions;

/// <summary>
/// String operations counted in Unicode code points, as XPath defines them. .NET strings are UTF-16,
/// so a character outside the BMP is two chars; STRLEN and SUBSTR must count it once.
/// </summary>
internal static class CodepointString
{
    public static int Length(string s)
    {
        int n = s.Length;
        for (int i = 0; i < s.Length - 1; i++)
            if (char.IsSurrogatePair(s[i], s[i + 1])) { n--; i++; }
        return n;
    }

    /// <summary>Code point order (fn:compare with the codepoint collation), which differs from UTF-16 order above U+D7FF.</summary>
    public static int Compare(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            // A surrogate starts a code point above U+FFFF, so it sorts after any BMP char, even U+E000-FFFF.
            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys) return xs ? 1 : -1;
            return x.CompareTo(y);
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>The chars from the code point at <paramref name="start"/> (0-based), <paramref name="count"/> code points long.</summary>
    public static string Substring(string s, int start, int count)
    {
        int begin = CharIndex(s, 0, start);
        int end = CharIndex(s, begin, count);
        return s[begin..end];
    }

    private static int CharIndex(string s, int from, int codepoints)
    {
        int i = from;
        while (codepoints > 0 && i < s.Length)
        {
            i += i + 1 < s.Length && char.IsSurrogatePair(s[i], s[i + 1]) ? 2 : 1;
            codepoints--;
        }
        return i;
    }

    public static string ToUpper(string s) => s.ToUpperInvariant();

    public static string ToLower(string s) => s.ToLowerInvariant();
}
