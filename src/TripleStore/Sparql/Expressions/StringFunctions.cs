using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>The functions on strings (SPARQL 1.1 section 17.4.3).</summary>
internal static class StringFunctions
{
    public static Term StrLen(ReadOnlySpan<Term> args, FunctionContext context) =>
        Numeric.FromInteger(CodepointString.Length(LiteralValues.RequireStringLiteral(args[0]).Value)).ToLiteral();

    /// <summary>fn:substring: 1-based code point positions, start and length rounded as fn:round does.</summary>
    public static Term SubStr(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var source = LiteralValues.RequireStringLiteral(args[0]);
        double start = LiteralValues.RequireNumeric(args[1]).Round().DoubleValue;
        double end = args.Length > 2 ? start + LiteralValues.RequireNumeric(args[2]).Round().DoubleValue : double.PositiveInfinity;
        int length = CodepointString.Length(source.Value);
        // Positions p with start <= p < end, clipped to 1..length; NaN bounds select nothing.
        double first = Math.Max(start, 1), last = Math.Min(end, length + 1);
        string value = double.IsNaN(first) || double.IsNaN(last) || first >= last
            ? ""
            : CodepointString.Substring(source.Value, (int)first - 1, (int)(last - first));
        return SameKind(source, value);
    }

    public static Term UCase(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var source = LiteralValues.RequireStringLiteral(args[0]);
        return SameKind(source, CodepointString.ToUpper(source.Value));
    }

    public static Term LCase(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var source = LiteralValues.RequireStringLiteral(args[0]);
        return SameKind(source, CodepointString.ToLower(source.Value));
    }

    public static Term StrStarts(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var (a, b) = CompatiblePair(args[0], args[1]);
        return SparqlOperators.Boolean(a.Value.StartsWith(b.Value, StringComparison.Ordinal));
    }

    public static Term StrEnds(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var (a, b) = CompatiblePair(args[0], args[1]);
        return SparqlOperators.Boolean(a.Value.EndsWith(b.Value, StringComparison.Ordinal));
    }

    public static Term Contains(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var (a, b) = CompatiblePair(args[0], args[1]);
        return SparqlOperators.Boolean(a.Value.Contains(b.Value, StringComparison.Ordinal));
    }

    /// <summary>The text before the first match; no match gives "" without language tag or datatype.</summary>
    public static Term StrBefore(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var (a, b) = CompatiblePair(args[0], args[1]);
        int i = a.Value.IndexOf(b.Value, StringComparison.Ordinal);
        return i < 0 ? Empty : SameKind(a, a.Value[..i]);
    }

    public static Term StrAfter(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var (a, b) = CompatiblePair(args[0], args[1]);
        int i = a.Value.IndexOf(b.Value, StringComparison.Ordinal);
        return i < 0 ? Empty : SameKind(a, a.Value[(i + b.Value.Length)..]);
    }

    /// <summary>Percent-encodes the UTF-8 bytes of every character but the RFC 3986 unreserved ones.</summary>
    public static Term EncodeForUri(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var s = LiteralValues.RequireStringLiteral(args[0]).Value;
        var sb = new StringBuilder(s.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
                continue;
            }
            int charCount = i + 1 < s.Length && char.IsSurrogatePair(c, s[i + 1]) ? 2 : 1;
            int n = Encoding.UTF8.GetBytes(s.AsSpan(i, charCount), utf8);
            for (int k = 0; k < n; k++) sb.Append('%').Append(utf8[k].ToString("X2"));
            i += charCount - 1;
        }
        return Literal.Simple(sb.ToString());
    }

    /// <summary>
    /// Joins string literals. The result keeps a language tag only when every argument has the same
    /// one, and is otherwise a simple literal.
    /// </summary>
    public static Term Concat(ReadOnlySpan<Term> args, FunctionContext context)
    {
        if (args.Length == 0) return Empty;
        var sb = new StringBuilder();
        string? language = null;
        bool sameLanguage = true;
        for (int i = 0; i < args.Length; i++)
        {
            var l = LiteralValues.RequireStringLiteral(args[i]);
            sb.Append(l.Value);
            if (i == 0) language = l.Language;
            else if (!string.Equals(language, l.Language, StringComparison.Ordinal)) sameLanguage = false;
        }
        return sameLanguage && language is not null ? Literal.LangString(sb.ToString(), language) : Literal.Simple(sb.ToString());
    }

    /// <summary>RFC 4647 basic filtering: "*" matches any tag; otherwise equal, or a prefix ending at a '-'.</summary>
    public static Term LangMatches(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var tag = LiteralValues.RequireSimpleString(args[0]);
        var range = LiteralValues.RequireSimpleString(args[1]);
        bool match = range == "*"
            ? tag.Length > 0
            : tag.Equals(range, StringComparison.OrdinalIgnoreCase)
              || (tag.Length > range.Length && tag[range.Length] == '-' && tag.StartsWith(range, StringComparison.OrdinalIgnoreCase));
        return SparqlOperators.Boolean(match);
    }

    public static Term Regex(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var text = LiteralValues.RequireStringLiteral(args[0]).Value;
        var pattern = LiteralValues.RequireSimpleString(args[1]);
        var flags = args.Length > 2 ? LiteralValues.RequireSimpleString(args[2]) : "";
        return SparqlOperators.Boolean(XPathRegex.IsMatch(text, pattern, flags));
    }

    public static Term Replace(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var source = LiteralValues.RequireStringLiteral(args[0]);
        var pattern = LiteralValues.RequireSimpleString(args[1]);
        var replacement = LiteralValues.RequireSimpleString(args[2]);
        var flags = args.Length > 3 ? LiteralValues.RequireSimpleString(args[3]) : "";
        return SameKind(source, XPathRegex.Replace(source.Value, pattern, replacement, flags));
    }

    private static readonly Literal Empty = Literal.Simple("");

    /// <summary>A literal with <paramref name="value"/> and the language tag of <paramref name="source"/>, if any.</summary>
    internal static Literal SameKind(Literal source, string value) =>
        source.Language is { } lang ? Literal.LangString(value, lang) : Literal.Simple(value);

    /// <summary>
    /// Argument compatibility (section 17.4.3.1.1): two plain strings; two strings with one language
    /// tag; or a tagged first argument with a plain second one.
    /// </summary>
    private static (Literal, Literal) CompatiblePair(Term first, Term second)
    {
        var a = LiteralValues.RequireStringLiteral(first);
        var b = LiteralValues.RequireStringLiteral(second);
        if (b.Language is not null && !string.Equals(a.Language, b.Language, StringComparison.Ordinal))
            ExpressionErrorException.Throw();
        return (a, b);
    }
}
