using System.Globalization;
using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

/// <summary>
/// Terms written as in SPARQL, so tests read like the specification's examples: &lt;iri&gt;, _:b,
/// "x", "x"@en, "x"^^xsd:type, 1, 1.5, 1e0, true, false.
/// </summary>
internal static class T
{
    public static readonly FunctionContext Context =
        new(new DateTimeOffset(2011, 1, 10, 14, 45, 13, 815, TimeSpan.FromHours(-5)), "http://example.org/base/", new Random(42));

    public static Term Parse(string text)
    {
        if (text.StartsWith('<')) return new Iri(text[1..^1]);
        if (text.StartsWith("_:", StringComparison.Ordinal)) return new BlankNode(text[2..]);
        if (text is "true" or "false") return Literal.Typed(text, Xsd.Boolean);
        if (text.StartsWith('"'))
        {
            int close = text.LastIndexOf('"');
            var value = Unescape(text[1..close]);
            var rest = text[(close + 1)..];
            if (rest.Length == 0) return Literal.Simple(value);
            if (rest.StartsWith('@')) return Literal.LangString(value, rest[1..]);
            var dt = rest[2..];
            if (dt.StartsWith("xsd:", StringComparison.Ordinal)) return Literal.Typed(value, Xsd.Intern(Xsd.Namespace + dt[4..]));
            if (dt.StartsWith('<')) return Literal.Typed(value, new Iri(dt[1..^1]));
            throw new FormatException(text);
        }
        if (text.Contains('e') || text.Contains('E')) return Literal.Typed(text, Xsd.Double);
        if (text.Contains('.')) return Literal.Typed(text, Xsd.Decimal);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return Literal.Typed(text, Xsd.Integer);
        throw new FormatException(text);
    }

    private static string Unescape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length) { sb.Append(s[i]); continue; }
            char e = s[++i];
            sb.Append(e switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => e });
        }
        return sb.ToString();
    }

    public static Term Call(string function, params string[] args)
    {
        Assert.True(SparqlFunctionLibrary.TryGet(function, out var fn), $"{function} is not in the library");
        var terms = args.Select(Parse).ToArray();
        return fn(terms, Context);
    }

    public static void AssertError(Func<object> action) => Assert.Throws<ExpressionErrorException>(action);

    /// <summary>Asserts that two terms are the same RDF term.</summary>
    public static void AssertTerm(string expected, Term actual) => Assert.Equal(Parse(expected), actual);
}
