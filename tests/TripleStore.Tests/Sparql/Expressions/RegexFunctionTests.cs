using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

/// <summary>REGEX and REPLACE, with the examples of SPARQL 1.1 section 17.4.3.14-15 and XPath F&amp;O 3.1 section 5.6.</summary>
public class RegexFunctionTests
{
    private const string Poem = "\"Kaum hat dies der Hahn gesehen,\\nF\u00E4ngt er auch schon an zu kr\u00E4hen:\\nKikeriki! Kikikerikih!!\"";

    [Theory]
    [InlineData("\"Alice\"", "\"^ali\"", "\"i\"", true)]
    [InlineData("\"Bob\"", "\"^ali\"", "\"i\"", false)]
    [InlineData("\"abracadabra\"", "\"bra\"", null, true)]
    [InlineData("\"abracadabra\"", "\"^a.*a$\"", null, true)]
    [InlineData("\"abracadabra\"", "\"^bra\"", null, false)]
    [InlineData(Poem, "\"Kaum.*kr\u00E4hen\"", null, false)]
    [InlineData(Poem, "\"Kaum.*kr\u00E4hen\"", "\"s\"", true)]
    [InlineData(Poem, "\"^Kaum.*gesehen,$\"", "\"m\"", true)]
    [InlineData(Poem, "\"^Kaum.*gesehen,$\"", null, false)]
    [InlineData(Poem, "\"kiki\"", "\"i\"", true)]
    [InlineData("\"abc\\n\"", "\"abc$\"", null, false)] // XPath '$' does not match before a final newline
    [InlineData("\"a\\rb\"", "\"a.b\"", null, false)] // nor does '.' match a carriage return
    [InlineData("\"hello world\"", "\"hello world\"", "\"x\"", false)]
    [InlineData("\"helloworld\"", "\"hello world\"", "\"x\"", true)]
    [InlineData("\"hello world\"", "\"hello[ ]world\"", "\"x\"", true)]
    [InlineData("\"a.b\"", "\".\"", "\"q\"", true)]
    [InlineData("\"ab\"", "\".\"", "\"q\"", false)]
    [InlineData("\"A.B\"", "\"a.b\"", "\"qi\"", true)]
    [InlineData("\"chat\"@en", "\"^ch\"", null, true)]
    [InlineData("\"x1\"", "\"\\\\d\"", null, true)]
    [InlineData("\"e\"", "\"[a-z-[aeiou]]\"", null, false)]
    [InlineData("\"b\"", "\"[a-z-[aeiou]]\"", null, true)]
    [InlineData("\"_a1\"", "\"^\\\\i\\\\c*$\"", null, true)]
    [InlineData("\"1a\"", "\"^\\\\i\"", null, false)]
    [InlineData("\"abab\"", "\"^(ab)\\\\1$\"", null, true)]
    [InlineData("\"ab\"", "\"(?:a)b\"", null, true)]
    [InlineData("\"\u03B1\"", "\"\\\\p{IsGreek}\"", null, true)]
    public void Regex_matches_with_xpath_semantics(string text, string pattern, string? flags, bool expected)
    {
        var result = flags is null ? T.Call("REGEX", text, pattern) : T.Call("REGEX", text, pattern, flags);
        T.AssertTerm(expected ? "true" : "false", result);
    }

    [Theory]
    [InlineData("\"(?=a)\"")]          // lookahead is not XPath
    [InlineData("\"(?<n>a)\"")]        // named groups are not XPath
    [InlineData("\"\\\\bword\"")]      // \b is not XPath
    [InlineData("\"a(\"")]             // unbalanced
    [InlineData("\"[a\"")]
    [InlineData("\"a\\\\\"")]          // trailing backslash
    public void Patterns_outside_xpath_syntax_are_errors(string pattern)
    {
        T.AssertError(() => T.Call("REGEX", "\"a\"", pattern));
    }

    [Fact]
    public void Unknown_flags_and_wrong_argument_types_are_errors()
    {
        T.AssertError(() => T.Call("REGEX", "\"a\"", "\"a\"", "\"g\""));
        T.AssertError(() => T.Call("REGEX", "1", "\"1\""));
        T.AssertError(() => T.Call("REGEX", "\"a\"", "\"a\"@en"));
        T.AssertError(() => T.Call("REGEX", "<http://example/a>", "\"a\""));
    }

    [Theory]
    [InlineData("\"abcd\"", "\"b\"", "\"Z\"", null, "\"aZcd\"")]
    [InlineData("\"abab\"", "\"B\"", "\"Z\"", "\"i\"", "\"aZaZ\"")]
    [InlineData("\"abab\"", "\"B.\"", "\"Z\"", "\"i\"", "\"aZb\"")]
    [InlineData("\"abracadabra\"", "\"bra\"", "\"*\"", null, "\"a*cada*\"")]
    [InlineData("\"abracadabra\"", "\"a.*a\"", "\"*\"", null, "\"*\"")]
    [InlineData("\"abracadabra\"", "\"a.*?a\"", "\"*\"", null, "\"*c*bra\"")]
    [InlineData("\"abracadabra\"", "\"a\"", "\"\"", null, "\"brcdbr\"")]
    [InlineData("\"abracadabra\"", "\"a(.)\"", "\"a$1$1\"", null, "\"abbraccaddabbra\"")]
    [InlineData("\"AAAA\"", "\"A+\"", "\"b\"", null, "\"b\"")]
    [InlineData("\"AAAA\"", "\"A+?\"", "\"b\"", null, "\"bbbb\"")]
    [InlineData("\"darted\"", "\"^(.*?)d(.*)$\"", "\"$1c$2\"", null, "\"carted\"")]
    [InlineData("\"abc\"@en", "\"b\"", "\"x\"", null, "\"axc\"@en")]
    [InlineData("\"abc\"^^xsd:string", "\"b\"", "\"x\"", null, "\"axc\"^^xsd:string")]
    [InlineData("\"a$b\"", "\"\\\\$\"", "\"\\\\$\\\\\\\\\"", null, "\"a$\\\\b\"")]
    [InlineData("\"ab\"", "\"(a)\"", "\"$12\"", null, "\"a2b\"")] // $12 is group 1 then '2': there is no group 12
    public void Replace_follows_fn_replace(string text, string pattern, string replacement, string? flags, string expected)
    {
        var result = flags is null ? T.Call("REPLACE", text, pattern, replacement) : T.Call("REPLACE", text, pattern, replacement, flags);
        T.AssertTerm(expected, result);
    }

    [Theory]
    [InlineData("\".*?\"", "\"$1\"")] // the pattern matches the empty string
    [InlineData("\"a\"", "\"$\"")]    // '$' without a group number
    [InlineData("\"a\"", "\"\\\\x\"")] // '\' not before '\' or '$'
    public void Bad_replacements_are_errors(string pattern, string replacement)
    {
        T.AssertError(() => T.Call("REPLACE", "\"abracadabra\"", pattern, replacement));
    }

    [Fact]
    public void Catastrophic_backtracking_fails_with_a_limit_error_not_a_hang()
    {
        // The default timeout applies: the setting is process-wide, and changing it here would give regexes
        // that other tests compile meanwhile a timeout short enough to fail under load.
        var text = "\"" + new string('a', 40) + "!\"";
        var error = Assert.Throws<TripleStoreException>(() => T.Call("REGEX", text, "\"^(a+)+(a|b)+$\""));
        Assert.Equal(ErrorCodes.LimitExceeded, error.ErrorCode);
    }
}
