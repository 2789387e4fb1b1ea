using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

public class FunctionLibraryTests
{
    public static TheoryData<string, int, int> Keywords => new()
    {
        { "STRLEN", 1, 1 }, { "SUBSTR", 2, 3 }, { "UCASE", 1, 1 }, { "LCASE", 1, 1 }, { "STRSTARTS", 2, 2 },
        { "STRENDS", 2, 2 }, { "CONTAINS", 2, 2 }, { "STRBEFORE", 2, 2 }, { "STRAFTER", 2, 2 }, { "ENCODE_FOR_URI", 1, 1 },
        { "CONCAT", 0, SparqlFunctionLibrary.Unbounded }, { "LANGMATCHES", 2, 2 }, { "REGEX", 2, 3 }, { "REPLACE", 3, 4 },
        { "STR", 1, 1 }, { "LANG", 1, 1 }, { "DATATYPE", 1, 1 }, { "IRI", 1, 1 }, { "URI", 1, 1 }, { "STRDT", 2, 2 },
        { "STRLANG", 2, 2 }, { "ISIRI", 1, 1 }, { "ISURI", 1, 1 }, { "ISBLANK", 1, 1 }, { "ISLITERAL", 1, 1 },
        { "ISNUMERIC", 1, 1 }, { "SAMETERM", 2, 2 }, { "ABS", 1, 1 }, { "ROUND", 1, 1 }, { "CEIL", 1, 1 }, { "FLOOR", 1, 1 },
        { "RAND", 0, 0 }, { "NOW", 0, 0 }, { "YEAR", 1, 1 }, { "MONTH", 1, 1 }, { "DAY", 1, 1 }, { "HOURS", 1, 1 },
        { "MINUTES", 1, 1 }, { "SECONDS", 1, 1 }, { "TIMEZONE", 1, 1 }, { "TZ", 1, 1 }, { "MD5", 1, 1 }, { "SHA1", 1, 1 },
        { "SHA256", 1, 1 }, { "SHA384", 1, 1 }, { "SHA512", 1, 1 }, { "UUID", 0, 0 }, { "STRUUID", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Keywords))]
    public void Every_builtin_is_registered_with_its_arity(string name, int min, int max)
    {
        Assert.True(SparqlFunctionLibrary.TryGet(name, out var fn));
        Assert.NotNull(fn);
        Assert.True(SparqlFunctionLibrary.TryGet(name.ToLowerInvariant(), out _));
        Assert.Equal((min, max), SparqlFunctionLibrary.Arity(name));
    }

    [Theory]
    [InlineData("string")]
    [InlineData("boolean")]
    [InlineData("integer")]
    [InlineData("decimal")]
    [InlineData("float")]
    [InlineData("double")]
    [InlineData("dateTime")]
    [InlineData("long")]
    [InlineData("int")]
    [InlineData("short")]
    [InlineData("byte")]
    [InlineData("nonNegativeInteger")]
    [InlineData("nonPositiveInteger")]
    [InlineData("negativeInteger")]
    [InlineData("positiveInteger")]
    [InlineData("unsignedLong")]
    [InlineData("unsignedInt")]
    [InlineData("unsignedShort")]
    [InlineData("unsignedByte")]
    public void Casts_are_found_by_datatype_iri(string type)
    {
        Assert.True(SparqlFunctionLibrary.TryGet(Xsd.Namespace + type, out _));
        Assert.Equal((1, 1), SparqlFunctionLibrary.Arity(Xsd.Namespace + type));
        Assert.False(SparqlFunctionLibrary.IsKnown(Xsd.Namespace + type.ToUpperInvariant() + "X"));
    }

    [Fact]
    public void Unknown_names_are_not_found()
    {
        Assert.False(SparqlFunctionLibrary.TryGet("NOSUCH", out _));
        Assert.False(SparqlFunctionLibrary.TryGet("http://example.org/f", out _));
        Assert.False(SparqlFunctionLibrary.IsKnown("BOUND")); // a special form, left to the evaluator
        Assert.Throws<KeyNotFoundException>(() => SparqlFunctionLibrary.Arity("NOSUCH"));
    }

    [Fact]
    public void The_error_value_is_cheap_to_throw_and_shared()
    {
        var a = Assert.Throws<ExpressionErrorException>(() => T.Call("STRLEN", "1"));
        var b = Assert.Throws<ExpressionErrorException>(() => T.Call("ABS", "\"x\""));
        Assert.Same(a, b);
        Assert.Null(a.StackTrace);
    }
}
