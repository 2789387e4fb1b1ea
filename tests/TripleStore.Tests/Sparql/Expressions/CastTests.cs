using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

/// <summary>The XPath constructor functions of SPARQL 1.1 section 17.5, checked against its cast table.</summary>
public class CastTests
{
    private static Term Cast(string type, string arg) => T.Call(Xsd.Namespace + type, arg);

    [Theory]
    [InlineData("<http://example.org/z>", "\"http://example.org/z\"")]
    [InlineData("\"string\"", "\"string\"")]
    [InlineData("\"+33.3300\"", "\"+33.3300\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("\"0\"^^xsd:boolean", "\"false\"")]
    [InlineData("\"01\"^^xsd:integer", "\"1\"")]
    [InlineData("1.0", "\"1\"")]
    [InlineData("-2.50", "\"-2.5\"")]
    [InlineData("0e1", "\"0\"")]
    [InlineData("1e0", "\"1\"")]
    [InlineData("\"1.25\"^^xsd:float", "\"1.25\"")]
    [InlineData("1e7", "\"1.0E7\"")]
    [InlineData("\"2002-10-10T17:00:00+00:00\"^^xsd:dateTime", "\"2002-10-10T17:00:00Z\"")]
    public void To_string(string arg, string expected) => T.AssertTerm(expected, Cast("string", arg));

    [Theory]
    [InlineData("\"0\"", "0")]
    [InlineData("\"13\"", "13")]
    [InlineData("\" 13 \"", "13")]
    [InlineData("true", "1")]
    [InlineData("\"0\"^^xsd:boolean", "0")]
    [InlineData("1.0", "1")]
    [InlineData("-2.5", "-2")]
    [InlineData("\"-7.875\"^^xsd:float", "-7")]
    [InlineData("1e0", "1")]
    public void To_integer(string arg, string expected) => T.AssertTerm(expected, Cast("integer", arg));

    [Theory]
    [InlineData("\"string\"")]
    [InlineData("\"-10.2E3\"")]
    [InlineData("\"+33.3300\"")]
    [InlineData("\"0.0\"")]
    [InlineData("\"2002-10-10T17:00:00Z\"")]
    [InlineData("<http://example.org/z>")]
    [InlineData("\"INF\"^^xsd:double")]
    [InlineData("\"NaN\"^^xsd:float")]
    [InlineData("\"x\"^^xsd:integer")]
    [InlineData("\"1\"@en")]
    [InlineData("\"1\"^^<http://example.org/t>")]
    [InlineData("_:b")]
    public void To_integer_errors(string arg) => T.AssertError(() => Cast("integer", arg));

    [Theory]
    [InlineData("byte", "127", "\"127\"^^xsd:byte")]
    [InlineData("unsignedByte", "\"255\"", "\"255\"^^xsd:unsignedByte")]
    [InlineData("int", "2.9", "\"2\"^^xsd:int")]
    [InlineData("nonNegativeInteger", "0", "\"0\"^^xsd:nonNegativeInteger")]
    public void To_derived_integers(string type, string arg, string expected) => T.AssertTerm(expected, Cast(type, arg));

    [Theory]
    [InlineData("byte", "128")]
    [InlineData("unsignedInt", "-1")]
    [InlineData("positiveInteger", "0")]
    [InlineData("negativeInteger", "\"0\"")]
    public void Derived_integer_ranges_are_enforced(string type, string arg) => T.AssertError(() => Cast(type, arg));

    [Theory]
    [InlineData("\"0\"", "false")]
    [InlineData("\"1\"", "true")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"false\"", "false")]
    [InlineData("0", "false")]
    [InlineData("-1", "true")]
    [InlineData("0.0", "false")]
    [InlineData("0e1", "false")]
    [InlineData("\"NaN\"^^xsd:double", "false")]
    [InlineData("\"1.25\"^^xsd:float", "true")]
    [InlineData("\"0\"^^xsd:boolean", "false")]
    public void To_boolean(string arg, string expected) => T.AssertTerm(expected, Cast("boolean", arg));

    [Theory]
    [InlineData("\"string\"")]
    [InlineData("\"1E0\"")]
    [InlineData("\"TRUE\"")]
    [InlineData("\"2002-10-10T17:00:00Z\"^^xsd:dateTime")]
    [InlineData("<http://example.org/z>")]
    public void To_boolean_errors(string arg) => T.AssertError(() => Cast("boolean", arg));

    [Theory]
    [InlineData("decimal", "\"+33.3300\"", "33.33")]
    [InlineData("decimal", "\"13\"", "13.0")]
    [InlineData("decimal", "true", "1.0")]
    [InlineData("decimal", "\"1.25\"^^xsd:float", "1.25")]
    [InlineData("decimal", "\"1.1\"^^xsd:float", "1.1")]
    [InlineData("decimal", "-1e0", "-1.0")]
    [InlineData("double", "\"-10.2E3\"", "-1.02e4")]
    [InlineData("double", "\"+33.3300\"", "3.333e1")]
    [InlineData("double", "\"INF\"", "\"INF\"^^xsd:double")]
    [InlineData("double", "1", "1e0")]
    [InlineData("double", "false", "0e0")]
    [InlineData("float", "\"1.5\"", "\"1.5\"^^xsd:float")]
    [InlineData("float", "2.5", "\"2.5\"^^xsd:float")]
    public void To_decimal_and_floating_point(string type, string arg, string expected)
    {
        var result = (Literal)Cast(type, arg);
        var want = (Literal)T.Parse(expected);
        Assert.Equal(want.Datatype, result.Datatype);
        Assert.True(SparqlOperators.Equal(want, result), $"{result} != {want}");
    }

    [Theory]
    [InlineData("decimal", "\"-10.2E3\"")]
    [InlineData("decimal", "\"INF\"^^xsd:double")]
    [InlineData("double", "\"string\"")]
    [InlineData("float", "\"2002-10-10T17:00:00Z\"")]
    public void Numeric_cast_errors(string type, string arg) => T.AssertError(() => Cast(type, arg));

    [Theory]
    [InlineData("dateTime", "\"2002-10-10T17:00:00Z\"", "\"2002-10-10T17:00:00Z\"^^xsd:dateTime")]
    [InlineData("dateTime", "\"2002-10-10\"^^xsd:date", "\"2002-10-10T00:00:00\"^^xsd:dateTime")]
    [InlineData("date", "\"2002-10-10T17:00:00-05:00\"^^xsd:dateTime", "\"2002-10-10-05:00\"^^xsd:date")]
    [InlineData("time", "\"2002-10-10T17:00:00.5Z\"^^xsd:dateTime", "\"17:00:00.5Z\"^^xsd:time")]
    public void To_date_and_time(string type, string arg, string expected) => T.AssertTerm(expected, Cast(type, arg));

    [Theory]
    [InlineData("dateTime", "\"2002-10-10\"")]
    [InlineData("dateTime", "1")]
    [InlineData("date", "\"17:00:00\"^^xsd:time")]
    public void Date_cast_errors(string type, string arg) => T.AssertError(() => Cast(type, arg));
}
