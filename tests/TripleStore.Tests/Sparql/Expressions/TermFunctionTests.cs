using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

/// <summary>SPARQL 1.1 section 17.4.2, with its examples.</summary>
public class TermFunctionTests
{
    [Theory]
    [InlineData("ISIRI", "<http://example.org/>", true)]
    [InlineData("ISURI", "<http://example.org/>", true)]
    [InlineData("ISIRI", "\"http://example.org/\"", false)]
    [InlineData("ISBLANK", "_:b", true)]
    [InlineData("ISBLANK", "<http://example.org/>", false)]
    [InlineData("ISLITERAL", "\"x\"@en", true)]
    [InlineData("ISLITERAL", "_:b", false)]
    [InlineData("ISNUMERIC", "12", true)]
    [InlineData("ISNUMERIC", "\"12\"", false)]
    [InlineData("ISNUMERIC", "\"12\"^^xsd:nonNegativeInteger", true)]
    [InlineData("ISNUMERIC", "\"1200\"^^xsd:byte", false)]
    [InlineData("ISNUMERIC", "<http://example/>", false)]
    public void Term_tests(string function, string arg, bool expected) =>
        T.AssertTerm(expected ? "true" : "false", T.Call(function, arg));

    [Fact]
    public void SameTerm_compares_terms_not_values()
    {
        T.AssertTerm("true", T.Call("SAMETERM", "\"abc\"^^xsd:integer", "\"abc\"^^xsd:integer"));
        T.AssertTerm("false", T.Call("SAMETERM", "1", "1.0"));
        T.AssertTerm("false", T.Call("SAMETERM", "\"01\"^^xsd:integer", "1"));
        T.AssertTerm("true", T.Call("SAMETERM", "<http://a>", "<http://a>"));
        T.AssertTerm("true", T.Call("SAMETERM", "\"a\"", "\"a\"^^xsd:string"));
    }

    [Theory]
    [InlineData("<http://example/>", "\"http://example/\"")]
    [InlineData("\"chat\"@en", "\"chat\"")]
    [InlineData("\"12\"^^xsd:integer", "\"12\"")]
    [InlineData("\"abc\"", "\"abc\"")]
    public void Str_gives_the_lexical_form(string arg, string expected) => T.AssertTerm(expected, T.Call("STR", arg));

    [Fact]
    public void Str_of_a_blank_node_is_an_error() => T.AssertError(() => T.Call("STR", "_:b"));

    [Fact]
    public void Lang_and_datatype()
    {
        T.AssertTerm("\"en\"", T.Call("LANG", "\"Robert\"@EN"));
        T.AssertTerm("\"\"", T.Call("LANG", "\"Robert\""));
        T.AssertError(() => T.Call("LANG", "<http://example/>"));
        T.AssertTerm("<http://www.w3.org/2001/XMLSchema#string>", T.Call("DATATYPE", "\"Robert\""));
        T.AssertTerm("<http://www.w3.org/2001/XMLSchema#integer>", T.Call("DATATYPE", "12"));
        T.AssertTerm("<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>", T.Call("DATATYPE", "\"chat\"@en"));
        T.AssertTerm("<http://www.w3.org/2001/XMLSchema#integer>", T.Call("DATATYPE", "\"abc\"^^xsd:integer"));
        T.AssertError(() => T.Call("DATATYPE", "_:b"));
    }

    [Fact]
    public void Iri_resolves_strings_against_the_base()
    {
        T.AssertTerm("<http://example.org/base/x>", T.Call("IRI", "\"x\""));
        T.AssertTerm("<http://example.org/other>", T.Call("URI", "\"../other\""));
        T.AssertTerm("<urn:isbn:1>", T.Call("IRI", "\"urn:isbn:1\""));
        T.AssertTerm("<http://a/b>", T.Call("IRI", "<http://a/b>"));
        T.AssertError(() => T.Call("IRI", "\"x\"@en"));
        T.AssertError(() => T.Call("IRI", "1"));
        T.AssertError(() => T.Call("IRI", "\"a b\""));
        SparqlFunctionLibrary.TryGet("IRI", out var iri);
        var noBase = new FunctionContext(DateTimeOffset.UnixEpoch);
        Assert.Throws<ExpressionErrorException>(() => iri([Literal.Simple("relative")], noBase));
        Assert.Equal(new Iri("http://x/y"), iri([Literal.Simple("http://x/y")], noBase));
    }

    [Fact]
    public void Strdt_and_strlang_build_literals()
    {
        T.AssertTerm("\"123\"^^xsd:integer", T.Call("STRDT", "\"123\"", "<http://www.w3.org/2001/XMLSchema#integer>"));
        T.AssertTerm("\"iiii\"^^<http://example/romanNumeral>", T.Call("STRDT", "\"iiii\"", "<http://example/romanNumeral>"));
        T.AssertError(() => T.Call("STRDT", "\"a\"@en", "<http://example/t>"));
        T.AssertError(() => T.Call("STRDT", "\"a\"", "\"http://example/t\""));
        T.AssertError(() => T.Call("STRDT", "\"a\"", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"));
        T.AssertTerm("\"chat\"@en", T.Call("STRLANG", "\"chat\"", "\"en\""));
        T.AssertTerm("\"chat\"@en-gb", T.Call("STRLANG", "\"chat\"", "\"en-GB\""));
        T.AssertError(() => T.Call("STRLANG", "\"chat\"@fr", "\"en\""));
        T.AssertError(() => T.Call("STRLANG", "\"chat\"", "\"\""));
        T.AssertError(() => T.Call("STRLANG", "\"chat\"", "\"en gb\""));
    }

    [Fact]
    public void Uuid_and_struuid_are_fresh_and_well_formed()
    {
        var a = (Iri)T.Call("UUID");
        var b = (Iri)T.Call("UUID");
        Assert.NotEqual(a, b);
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", a.Value);
        var s = (Literal)T.Call("STRUUID");
        Assert.True(s.IsSimple);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", s.Value);
    }
}
