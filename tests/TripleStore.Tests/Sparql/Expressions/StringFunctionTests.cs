using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

/// <summary>The examples of SPARQL 1.1 section 17.4.3, plus the edge cases the text implies.</summary>
public class StringFunctionTests
{
    [Theory]
    [InlineData("\"chat\"", "4")]
    [InlineData("\"chat\"@en", "4")]
    [InlineData("\"chat\"^^xsd:string", "4")]
    [InlineData("\"\"", "0")]
    [InlineData("\"\U0001F600a\"", "2")] // one code point outside the BMP counts once
    public void Strlen_counts_code_points(string arg, string expected) => T.AssertTerm(expected, T.Call("STRLEN", arg));

    [Theory]
    [InlineData("\"foobar\"", "4", null, "\"bar\"")]
    [InlineData("\"foobar\"@en", "4", null, "\"bar\"@en")]
    [InlineData("\"foobar\"^^xsd:string", "4", null, "\"bar\"^^xsd:string")]
    [InlineData("\"foobar\"", "4", "1", "\"b\"")]
    [InlineData("\"foobar\"@en", "4", "1", "\"b\"@en")]
    [InlineData("\"foobar\"^^xsd:string", "4", "1", "\"b\"^^xsd:string")]
    [InlineData("\"12345\"", "1.5", "2.6", "\"234\"")]
    [InlineData("\"12345\"", "0", "3", "\"12\"")]
    [InlineData("\"12345\"", "5", "-3", "\"\"")]
    [InlineData("\"12345\"", "-3", "5", "\"1\"")]
    [InlineData("\"12345\"", "10", null, "\"\"")]
    [InlineData("\"a\U0001F600b\"", "2", "1", "\"\U0001F600\"")]
    public void Substr_uses_one_based_code_point_positions(string s, string start, string? length, string expected)
    {
        var result = length is null ? T.Call("SUBSTR", s, start) : T.Call("SUBSTR", s, start, length);
        T.AssertTerm(expected, result);
    }

    [Fact]
    public void Substr_with_non_numeric_positions_is_an_error()
    {
        T.AssertError(() => T.Call("SUBSTR", "\"foobar\"", "\"4\""));
        T.AssertError(() => T.Call("SUBSTR", "<http://example/>", "1"));
    }

    [Fact]
    public void Ucase_and_lcase_keep_the_language_tag()
    {
        T.AssertTerm("\"FOO\"", T.Call("UCASE", "\"foo\""));
        T.AssertTerm("\"FOO\"@en", T.Call("UCASE", "\"foo\"@en"));
        T.AssertTerm("\"FOO\"^^xsd:string", T.Call("UCASE", "\"foo\"^^xsd:string"));
        T.AssertTerm("\"bar\"", T.Call("LCASE", "\"BAR\""));
        T.AssertTerm("\"bar\"@en", T.Call("LCASE", "\"BAR\"@en"));
        T.AssertTerm("\"\u00E9t\u00E9\"", T.Call("LCASE", "\"\u00C9T\u00C9\""));
        T.AssertError(() => T.Call("UCASE", "1"));
    }

    [Theory]
    [InlineData("STRSTARTS", "\"foobar\"", "\"foo\"", true)]
    [InlineData("STRSTARTS", "\"foobar\"@en", "\"foo\"@en", true)]
    [InlineData("STRSTARTS", "\"foobar\"^^xsd:string", "\"foo\"^^xsd:string", true)]
    [InlineData("STRSTARTS", "\"foobar\"^^xsd:string", "\"foo\"", true)]
    [InlineData("STRSTARTS", "\"foobar\"", "\"foo\"^^xsd:string", true)]
    [InlineData("STRSTARTS", "\"foobar\"@en", "\"foo\"", true)]
    [InlineData("STRSTARTS", "\"foobar\"@en", "\"foo\"^^xsd:string", true)]
    [InlineData("STRSTARTS", "\"foobar\"", "\"bar\"", false)]
    [InlineData("STRENDS", "\"foobar\"", "\"bar\"", true)]
    [InlineData("STRENDS", "\"foobar\"@en", "\"bar\"@en", true)]
    [InlineData("STRENDS", "\"foobar\"@en", "\"bar\"", true)]
    [InlineData("STRENDS", "\"foobar\"", "\"foo\"", false)]
    [InlineData("CONTAINS", "\"foobar\"", "\"bar\"", true)]
    [InlineData("CONTAINS", "\"foobar\"@en", "\"foo\"", true)]
    [InlineData("CONTAINS", "\"foobar\"^^xsd:string", "\"bar\"^^xsd:string", true)]
    [InlineData("CONTAINS", "\"foobar\"", "\"\"", true)]
    [InlineData("CONTAINS", "\"foobar\"", "\"baz\"", false)]
    public void String_tests(string function, string arg1, string arg2, bool expected) =>
        T.AssertTerm(expected ? "true" : "false", T.Call(function, arg1, arg2));

    // Section 17.4.3.1.1: the second argument may not carry a language tag the first lacks.
    [Theory]
    [InlineData("\"abc\"", "\"b\"@ja")]
    [InlineData("\"abc\"^^xsd:string", "\"b\"@ja")]
    [InlineData("\"abc\"@en", "\"b\"@ja")]
    [InlineData("\"abc\"@fr", "\"b\"@ja")]
    [InlineData("\"abc\"", "1")]
    [InlineData("<http://example/abc>", "\"b\"")]
    [InlineData("\"abc\"^^<http://example/t>", "\"b\"")]
    public void Incompatible_arguments_are_errors(string arg1, string arg2)
    {
        foreach (var f in new[] { "STRSTARTS", "STRENDS", "CONTAINS", "STRBEFORE", "STRAFTER" })
            T.AssertError(() => T.Call(f, arg1, arg2));
    }

    [Theory]
    [InlineData("\"abc\"", "\"b\"", "\"a\"")]
    [InlineData("\"abc\"@en", "\"bc\"", "\"a\"@en")]
    [InlineData("\"abc\"^^xsd:string", "\"\"", "\"\"^^xsd:string")]
    [InlineData("\"abc\"", "\"xyz\"", "\"\"")]
    [InlineData("\"abc\"@en", "\"z\"@en", "\"\"")]
    [InlineData("\"abc\"@en", "\"z\"", "\"\"")]
    [InlineData("\"abc\"@en", "\"\"@en", "\"\"@en")]
    [InlineData("\"abc\"@en", "\"\"", "\"\"@en")]
    public void Strbefore(string arg1, string arg2, string expected) => T.AssertTerm(expected, T.Call("STRBEFORE", arg1, arg2));

    [Theory]
    [InlineData("\"abc\"", "\"b\"", "\"c\"")]
    [InlineData("\"abc\"@en", "\"ab\"", "\"c\"@en")]
    [InlineData("\"abc\"^^xsd:string", "\"\"", "\"abc\"^^xsd:string")]
    [InlineData("\"abc\"", "\"xyz\"", "\"\"")]
    [InlineData("\"abc\"@en", "\"z\"@en", "\"\"")]
    [InlineData("\"abc\"@en", "\"z\"", "\"\"")]
    [InlineData("\"abc\"@en", "\"\"@en", "\"abc\"@en")]
    [InlineData("\"abc\"@en", "\"\"", "\"abc\"@en")]
    public void Strafter(string arg1, string arg2, string expected) => T.AssertTerm(expected, T.Call("STRAFTER", arg1, arg2));

    [Theory]
    [InlineData("\"Los Angeles\"", "\"Los%20Angeles\"")]
    [InlineData("\"Los Angeles\"@en", "\"Los%20Angeles\"")]
    [InlineData("\"Los Angeles\"^^xsd:string", "\"Los%20Angeles\"")]
    [InlineData("\"~b\u00E9b\u00E9\"", "\"~b%C3%A9b%C3%A9\"")]
    [InlineData("\"a/b?c=d&e#f\"", "\"a%2Fb%3Fc%3Dd%26e%23f\"")]
    [InlineData("\"\U0001F600\"", "\"%F0%9F%98%80\"")]
    public void Encode_for_uri(string arg, string expected) => T.AssertTerm(expected, T.Call("ENCODE_FOR_URI", arg));

    [Theory]
    [InlineData("\"foobar\"", "\"foo\"", "\"bar\"")]
    [InlineData("\"foobar\"@en", "\"foo\"@en", "\"bar\"@en")]
    [InlineData("\"foobar\"^^xsd:string", "\"foo\"^^xsd:string", "\"bar\"^^xsd:string")]
    [InlineData("\"foobar\"", "\"foo\"", "\"bar\"^^xsd:string")]
    [InlineData("\"foobar\"", "\"foo\"@en", "\"bar\"")]
    [InlineData("\"foobar\"", "\"foo\"@en", "\"bar\"^^xsd:string")]
    [InlineData("\"foobar\"", "\"foo\"@en", "\"bar\"@fr")]
    public void Concat_keeps_a_language_tag_only_when_all_share_it(string expected, string arg1, string arg2) =>
        T.AssertTerm(expected, T.Call("CONCAT", arg1, arg2));

    [Fact]
    public void Concat_of_nothing_is_the_empty_string_and_non_strings_are_errors()
    {
        T.AssertTerm("\"\"", T.Call("CONCAT"));
        T.AssertTerm("\"a\"@en", T.Call("CONCAT", "\"a\"@en"));
        T.AssertError(() => T.Call("CONCAT", "\"a\"", "1"));
        T.AssertError(() => T.Call("CONCAT", "\"a\"", "<http://example/>"));
    }

    [Theory]
    [InlineData("\"fr\"", "\"FR\"", true)]
    [InlineData("\"fr-BE\"", "\"FR\"", true)]
    [InlineData("\"fr-BE\"", "\"fr-be\"", true)]
    [InlineData("\"fra\"", "\"fr\"", false)]
    [InlineData("\"en\"", "\"fr\"", false)]
    [InlineData("\"en\"", "\"*\"", true)]
    [InlineData("\"\"", "\"*\"", false)]
    [InlineData("\"\"", "\"en\"", false)]
    public void Langmatches_uses_basic_filtering(string tag, string range, bool expected) =>
        T.AssertTerm(expected ? "true" : "false", T.Call("LANGMATCHES", tag, range));

    [Fact]
    public void Langmatches_requires_simple_literals()
    {
        T.AssertError(() => T.Call("LANGMATCHES", "\"en\"@en", "\"en\""));
        T.AssertError(() => T.Call("LANGMATCHES", "1", "\"*\""));
    }

    [Theory]
    [InlineData("MD5", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("SHA1", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("SHA256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("SHA384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [InlineData("SHA512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    public void Hash_functions_match_the_spec_examples(string function, string expected)
    {
        T.AssertTerm($"\"{expected}\"", T.Call(function, "\"abc\""));
        T.AssertTerm($"\"{expected}\"", T.Call(function, "\"abc\"^^xsd:string"));
        T.AssertError(() => T.Call(function, "\"abc\"@en"));
        T.AssertError(() => T.Call(function, "1"));
    }
}
