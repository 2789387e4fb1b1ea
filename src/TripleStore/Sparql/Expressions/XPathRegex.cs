using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// XPath regular expressions (F&amp;O 3.1 section 5.6) on the .NET engine. Patterns are translated, not
/// passed through: XPath's '.' and '$' mean something narrower than .NET's, its flags differ, and .NET
/// constructs XPath lacks (lookaround, named groups, \b, \A) are rejected as errors so a query cannot
/// depend on them. Matching has a timeout, because a pattern from a query or from data can backtrack
/// exponentially; compiled patterns are cached in a bounded cache.
/// </summary>
internal static class XPathRegex
{
    private const int CacheCapacity = 512;
    private static readonly ConcurrentDictionary<(string Pattern, string Flags), Regex> Cache = new();

    /// <summary>How long one match may run before the query fails with <see cref="ErrorCodes.LimitExceeded"/>.</summary>
    public static TimeSpan MatchTimeout { get; } = TimeSpan.FromSeconds(2);

    public static bool IsMatch(string input, string pattern, string flags)
    {
        var regex = Get(pattern, flags);
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw Timeout(pattern, e);
        }
    }

    /// <summary>Matches with a pattern already built by <see cref="Get"/>, as <see cref="IsMatch(string, string, string)"/> does.</summary>
    internal static bool IsMatch(Regex regex, string input, string pattern)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw Timeout(pattern, e);
        }
    }

    /// <summary>
    /// True when the pattern matches exactly the inputs that contain it as a substring: with the 'q'
    /// flag, or without flags when it has no metacharacter. Such a pattern needs no regex engine.
    /// </summary>
    internal static bool IsPlainSubstring(string pattern, string flags) =>
        flags == "q" || (flags.Length == 0 && pattern.AsSpan().IndexOfAny(@"\^$.|?*+()[]{}") < 0);

    public static string Replace(string input, string pattern, string replacement, string flags)
    {
        var regex = Get(pattern, flags);
        try
        {
            // fn:replace forbids patterns that match the empty string: the result would be ill-defined.
            if (regex.IsMatch("")) ExpressionErrorException.Throw();
            var template = ParseReplacement(replacement, regex.GetGroupNumbers().Length - 1);
            return regex.Replace(input, m => Expand(template, m));
        }
        catch (RegexMatchTimeoutException e)
        {
            throw Timeout(pattern, e);
        }
    }

    private static TripleStoreException Timeout(string pattern, Exception inner) =>
        new(ErrorCodes.LimitExceeded, ErrorKind.LimitExceeded,
            $"The regular expression '{pattern}' took longer than {MatchTimeout.TotalSeconds:0.##} s to match; simplify the pattern.", inner);

    internal static Regex Get(string pattern, string flags)
    {
        if (Cache.TryGetValue((pattern, flags), out var cached)) return cached;
        var regex = Build(pattern, flags);
        // Patterns computed from data could fill the cache without end; start over when it is full.
        if (Cache.Count >= CacheCapacity) Cache.Clear();
        Cache.TryAdd((pattern, flags), regex);
        return regex;
    }

    private static Regex Build(string pattern, string flags)
    {
        var options = RegexOptions.CultureInvariant;
        bool dotAll = false, multiline = false, extended = false, literal = false;
        foreach (char f in flags)
        {
            switch (f)
            {
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 's': dotAll = true; break;
                case 'm': multiline = true; options |= RegexOptions.Multiline; break;
                case 'x': extended = true; break;
                case 'q': literal = true; break;
                default: return ExpressionErrorException.Throw<Regex>();
            }
        }
        string translated = literal ? Regex.Escape(pattern) : Translate(extended ? RemoveWhitespace(pattern) : pattern, dotAll, multiline);
        try
        {
            return new Regex(translated, options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            throw new ExpressionErrorException();
        }
    }

    /// <summary>The 'x' flag: whitespace outside character classes is removed before matching.</summary>
    private static string RemoveWhitespace(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        int depth = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) { sb.Append(c).Append(pattern[++i]); continue; }
            if (c == '[') depth++;
            else if (c == ']' && depth > 0) depth--;
            if (depth == 0 && c is ' ' or '\t' or '\n' or '\r') continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    // XML 1.0 NameStartChar and NameChar, for XPath's \i and \c.
    private const string NameStartChars = @":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD";
    private const string NameChars = NameStartChars + @"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040";

    private static string Translate(string pattern, bool dotAll, bool multiline)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        int classDepth = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length) ExpressionErrorException.Throw();
                char e = pattern[++i];
                switch (e)
                {
                    case 'i': sb.Append(classDepth > 0 ? NameStartChars : "[" + NameStartChars + "]"); break;
                    case 'c': sb.Append(classDepth > 0 ? NameChars : "[" + NameChars + "]"); break;
                    case 'I':
                    case 'C':
                        if (classDepth > 0) ExpressionErrorException.Throw(); // a negation cannot be spliced into a class
                        sb.Append("[^").Append(e == 'I' ? NameStartChars : NameChars).Append(']');
                        break;
                    case 'p':
                    case 'P':
                    {
                        int close = pattern.IndexOf('}', i);
                        if (i + 1 >= pattern.Length || pattern[i + 1] != '{' || close < 0) ExpressionErrorException.Throw();
                        sb.Append('\\').Append(e).Append(pattern, i + 1, close - i);
                        i = close;
                        break;
                    }
                    case 'n' or 'r' or 't' or '\\' or '|' or '.' or '?' or '*' or '+' or '(' or ')' or '{' or '}' or '-' or '[' or ']' or '^' or '$'
                        or 's' or 'S' or 'd' or 'D' or 'w' or 'W':
                        sb.Append('\\').Append(e);
                        break;
                    default:
                        if (e is >= '1' and <= '9' && classDepth == 0) { sb.Append('\\').Append(e); break; }
                        ExpressionErrorException.Throw();
                        break;
                }
                continue;
            }
            if (classDepth > 0)
            {
                if (c == '[') classDepth++;
                else if (c == ']') classDepth--;
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    classDepth++;
                    sb.Append(c);
                    break;
                case '.':
                    sb.Append(dotAll ? "[\\s\\S]" : "[^\\n\\r]");
                    break;
                case '$':
                    // .NET's '$' also matches before a final newline; XPath's only at the very end.
                    sb.Append(multiline ? "(?=\\n|\\z)" : "\\z");
                    break;
                case '(':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                    {
                        // XPath 3.0 knows only the non-capturing group "(?:".
                        if (i + 2 >= pattern.Length || pattern[i + 2] != ':') ExpressionErrorException.Throw();
                        sb.Append("(?:");
                        i += 2;
                    }
                    else sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        if (classDepth != 0) ExpressionErrorException.Throw();
        return sb.ToString();
    }

    private readonly record struct TemplatePart(string? Text, int Group);

    /// <summary>
    /// Parses an fn:replace replacement: "$N" is a group (as many digits as still name a group), "\$"
    /// and "\\" are literal; any other '$' or '\' is an error.
    /// </summary>
    private static List<TemplatePart> ParseReplacement(string replacement, int groupCount)
    {
        var parts = new List<TemplatePart>();
        var text = new StringBuilder();
        for (int i = 0; i < replacement.Length; i++)
        {
            char c = replacement[i];
            if (c == '\\')
            {
                if (i + 1 >= replacement.Length || replacement[i + 1] is not ('\\' or '$')) ExpressionErrorException.Throw();
                text.Append(replacement[++i]);
            }
            else if (c == '$')
            {
                if (i + 1 >= replacement.Length || !char.IsAsciiDigit(replacement[i + 1])) ExpressionErrorException.Throw();
                int group = replacement[++i] - '0';
                while (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]) && group * 10 + (replacement[i + 1] - '0') <= groupCount)
                    group = group * 10 + (replacement[++i] - '0');
                if (text.Length > 0) { parts.Add(new TemplatePart(text.ToString(), 0)); text.Clear(); }
                parts.Add(new TemplatePart(null, group));
            }
            else text.Append(c);
        }
        if (text.Length > 0) parts.Add(new TemplatePart(text.ToString(), 0));
        return parts;
    }

    private static string Expand(List<TemplatePart> template, Match match)
    {
        var sb = new StringBuilder();
        foreach (var part in template)
        {
            if (part.Text is not null) sb.Append(part.Text);
            else if (part.Group < match.Groups.Count) sb.Append(match.Groups[part.Group].Value);
        }
        return sb.ToString();
    }
}
