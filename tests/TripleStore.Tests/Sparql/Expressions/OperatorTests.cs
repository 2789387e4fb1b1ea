using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

public class OperatorTests
{
    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("1", "1e0", true)]
    [InlineData("\"1\"^^xsd:int", "1", true)]
    [InlineData("\"01\"^^xsd:integer", "1", true)]
    [InlineData("1", "2", false)]
    [InlineData("\"NaN\"^^xsd:double", "\"NaN\"^^xsd:double", false)]
    [InlineData("\"abc\"", "\"abc\"^^xsd:string", true)]
    [InlineData("\"abc\"", "\"abd\"", false)]
    [InlineData("\"abc\"@en", "\"abc\"@EN", true)]
    [InlineData("\"abc\"@en", "\"abc\"@fr", false)]
    [InlineData("\"abc\"@en", "\"abc\"", false)]
    [InlineData("true", "\"1\"^^xsd:boolean", true)]
    [InlineData("true", "false", false)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("true", "1", false)]
    [InlineData("<http://a>", "<http://a>", true)]
    [InlineData("<http://a>", "<http://b>", false)]
    [InlineData("_:x", "_:x", true)]
    [InlineData("_:x", "<http://a>", false)]
    [InlineData("<http://a>", "\"http://a\"", false)]
    [InlineData("\"2005-01-01T00:00:00Z\"^^xsd:dateTime", "\"2004-12-31T19:00:00-05:00\"^^xsd:dateTime", true)]
    [InlineData("\"2005-01-01T00:00:00Z\"^^xsd:dateTime", "\"2005-01-01T00:00:00.000Z\"^^xsd:dateTime", true)]
    [InlineData("\"2005-01-01\"^^xsd:date", "\"2005-01-01T00:00:00\"^^xsd:dateTime", false)]
    [InlineData("\"PT24H\"^^xsd:dayTimeDuration", "\"P1D\"^^xsd:dayTimeDuration", true)]
    [InlineData("\"P1Y\"^^xsd:yearMonthDuration", "\"P12M\"^^xsd:duration", true)]
    [InlineData("\"abc\"^^<http://example.org/t>", "\"abc\"^^<http://example.org/t>", true)]
    [InlineData("\"abc\"^^xsd:integer", "\"abc\"^^xsd:integer", true)]
    public void Equal_compares_by_value_for_known_types(string left, string right, bool expected)
    {
        Assert.Equal(expected, SparqlOperators.Equal(T.Parse(left), T.Parse(right)));
        Assert.Equal(!expected, SparqlOperators.NotEqual(T.Parse(left), T.Parse(right)));
    }

    [Theory]
    [InlineData("\"abc\"^^<http://example.org/t>", "\"abd\"^^<http://example.org/t>")]
    [InlineData("\"abc\"^^<http://example.org/t>", "\"abc\"")]
    [InlineData("\"abc\"^^xsd:integer", "1")]
    [InlineData("\"abc\"^^xsd:integer", "\"abd\"^^xsd:integer")]
    [InlineData("\"2006-08-23\"^^xsd:date", "\"2006-08-23Z\"^^xsd:date")]
    [InlineData("\"P1M\"^^xsd:duration", "\"P30D\"^^xsd:duration")]
    public void Equal_is_an_error_when_the_values_cannot_be_compared(string left, string right)
    {
        T.AssertError(() => SparqlOperators.Equal(T.Parse(left), T.Parse(right)));
        T.AssertError(() => SparqlOperators.NotEqual(T.Parse(left), T.Parse(right)));
    }

    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("2.5", "\"2\"^^xsd:byte", 1)]
    [InlineData("1e1", "10", 0)]
    [InlineData("\"a\"", "\"b\"", -1)]
    [InlineData("\"b\"^^xsd:string", "\"a\"", 1)]
    [InlineData("\"\uFFFD\"", "\"\U0001F600\"", -1)] // code point order, not UTF-16 order
    [InlineData("false", "true", -1)]
    [InlineData("\"2001-01-01Z\"^^xsd:date", "\"2006-08-23\"^^xsd:date", -1)]
    [InlineData("\"2006-08-23Z\"^^xsd:date", "\"2006-08-22\"^^xsd:date", 1)]
    [InlineData("\"10:00:00Z\"^^xsd:time", "\"11:00:00+02:00\"^^xsd:time", 1)]
    [InlineData("\"2000-01-01T24:00:00Z\"^^xsd:dateTime", "\"2000-01-02T00:00:00Z\"^^xsd:dateTime", 0)]
    [InlineData("\"PT1H\"^^xsd:dayTimeDuration", "\"PT59M\"^^xsd:dayTimeDuration", 1)]
    [InlineData("\"P1Y\"^^xsd:yearMonthDuration", "\"P13M\"^^xsd:yearMonthDuration", -1)]
    public void Comparison_operators_order_values(string left, string right, int sign)
    {
        var a = T.Parse(left);
        var b = T.Parse(right);
        Assert.Equal(sign < 0, SparqlOperators.LessThan(a, b));
        Assert.Equal(sign <= 0, SparqlOperators.LessThanOrEqual(a, b));
        Assert.Equal(sign > 0, SparqlOperators.GreaterThan(a, b));
        Assert.Equal(sign >= 0, SparqlOperators.GreaterThanOrEqual(a, b));
    }

    [Theory]
    [InlineData("\"NaN\"^^xsd:double", "1")]
    [InlineData("1", "\"NaN\"^^xsd:float")]
    public void Every_comparison_with_NaN_is_false(string left, string right)
    {
        var a = T.Parse(left);
        var b = T.Parse(right);
        Assert.False(SparqlOperators.LessThan(a, b));
        Assert.False(SparqlOperators.LessThanOrEqual(a, b));
        Assert.False(SparqlOperators.GreaterThan(a, b));
        Assert.False(SparqlOperators.GreaterThanOrEqual(a, b));
        Assert.False(SparqlOperators.Equal(a, b));
    }

    [Theory]
    [InlineData("1", "\"1\"")]
    [InlineData("\"a\"@en", "\"b\"@en")]
    [InlineData("\"a\"@en", "\"b\"")]
    [InlineData("<http://a>", "<http://b>")]
    [InlineData("_:a", "_:b")]
    [InlineData("\"abc\"^^xsd:integer", "1")]
    [InlineData("\"x\"^^<http://example.org/t>", "\"y\"^^<http://example.org/t>")]
    [InlineData("\"2006-08-23\"^^xsd:date", "\"2006-08-23T00:00:00\"^^xsd:dateTime")]
    [InlineData("\"2006-08-23\"^^xsd:date", "\"2006-08-23Z\"^^xsd:date")]
    [InlineData("true", "1")]
    public void Ordering_unordered_values_is_an_error(string left, string right)
    {
        T.AssertError(() => SparqlOperators.LessThan(T.Parse(left), T.Parse(right)));
        T.AssertError(() => SparqlOperators.GreaterThanOrEqual(T.Parse(left), T.Parse(right)));
    }

    [Theory]
    [InlineData("1", "2", "+", "3")]
    [InlineData("\"1\"^^xsd:int", "\"2\"^^xsd:short", "+", "3")]
    [InlineData("1", "2.5", "+", "3.5")]
    [InlineData("1.5", "1e0", "+", "2.5e0")]
    [InlineData("\"1.5\"^^xsd:float", "1", "+", "\"2.5\"^^xsd:float")]
    [InlineData("\"1.5\"^^xsd:float", "1e0", "+", "2.5e0")]
    [InlineData("5", "7", "-", "-2")]
    [InlineData("3", "4", "*", "12")]
    [InlineData("0.5", "4", "*", "2.0")]
    [InlineData("1", "2", "/", "0.5")]
    [InlineData("4", "2", "/", "2.0")]
    [InlineData("1", "3", "/", "0.3333333333333333333333333333")]
    [InlineData("1e0", "0", "/", "\"INF\"^^xsd:double")]
    [InlineData("-1e0", "0", "/", "\"-INF\"^^xsd:double")]
    public void Arithmetic_promotes_to_the_wider_numeric_type(string left, string right, string op, string expected)
    {
        var a = T.Parse(left);
        var b = T.Parse(right);
        var result = op switch
        {
            "+" => SparqlOperators.Add(a, b),
            "-" => SparqlOperators.Subtract(a, b),
            "*" => SparqlOperators.Multiply(a, b),
            _ => SparqlOperators.Divide(a, b),
        };
        Assert.True(SparqlOperators.Equal(T.Parse(expected), result), $"{result} != {expected}");
        Assert.Equal(((TripleStore.Rdf.Literal)T.Parse(expected)).Datatype, ((TripleStore.Rdf.Literal)result).Datatype);
    }

    [Fact]
    public void Zero_divided_by_zero_in_floating_point_is_NaN()
    {
        T.AssertTerm("\"NaN\"^^xsd:double", SparqlOperators.Divide(T.Parse("0e0"), T.Parse("0")));
    }

    [Theory]
    [InlineData("1", "0")]
    [InlineData("1.5", "0.0")]
    [InlineData("1", "\"a\"")]
    [InlineData("\"1\"", "\"2\"")]
    [InlineData("\"x\"^^xsd:integer", "1")]
    [InlineData("<http://a>", "1")]
    public void Division_by_exact_zero_and_non_numbers_are_errors(string left, string right)
    {
        T.AssertError(() => SparqlOperators.Divide(T.Parse(left), T.Parse(right)));
    }

    [Fact]
    public void Integer_overflow_is_an_error_not_a_wrong_answer()
    {
        var big = T.Parse("\"79228162514264337593543950335\"^^xsd:integer");
        T.AssertError(() => SparqlOperators.Add(big, T.Parse("1")));
        T.AssertError(() => SparqlOperators.Multiply(big, T.Parse("2")));
    }

    [Fact]
    public void Unary_operators_keep_the_primitive_type()
    {
        T.AssertTerm("-3", SparqlOperators.UnaryMinus(T.Parse("3")));
        T.AssertTerm("3", SparqlOperators.UnaryPlus(T.Parse("\"3\"^^xsd:byte")));
        T.AssertTerm("\"-1.5E0\"^^xsd:double", SparqlOperators.UnaryMinus(T.Parse("1.5e0")));
        T.AssertTerm("\"-PT1H\"^^xsd:dayTimeDuration", SparqlOperators.UnaryMinus(T.Parse("\"PT1H\"^^xsd:dayTimeDuration")));
        T.AssertError(() => SparqlOperators.UnaryMinus(T.Parse("\"3\"")));
    }

    // SPARQL 1.1 section 17.2.2 and its examples.
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"1\"^^xsd:boolean", true)]
    [InlineData("\"tru\"^^xsd:boolean", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"a\"", true)]
    [InlineData("\"\"@en", false)]
    [InlineData("\"a\"@en", true)]
    [InlineData("\"\"^^xsd:string", false)]
    [InlineData("0", false)]
    [InlineData("\"0.0\"^^xsd:decimal", false)]
    [InlineData("12", true)]
    [InlineData("-0e0", false)]
    [InlineData("\"NaN\"^^xsd:double", false)]
    [InlineData("\"INF\"^^xsd:float", true)]
    [InlineData("\"abc\"^^xsd:integer", false)]
    public void Effective_boolean_value(string term, bool expected)
    {
        Assert.Equal(expected, SparqlOperators.EffectiveBooleanValue(T.Parse(term)));
    }

    [Theory]
    [InlineData("<http://example.org/>")]
    [InlineData("_:b")]
    [InlineData("\"2001-01-01\"^^xsd:date")]
    [InlineData("\"x\"^^<http://example.org/t>")]
    public void Effective_boolean_value_of_other_terms_is_an_error(string term)
    {
        T.AssertError(() => SparqlOperators.EffectiveBooleanValue(T.Parse(term)));
    }

    [Fact]
    public void Date_arithmetic_follows_xpath()
    {
        T.AssertTerm("\"P337DT2H12M\"^^xsd:dayTimeDuration",
            SparqlOperators.Subtract(T.Parse("\"2000-10-30T06:12:00-05:00\"^^xsd:dateTime"), T.Parse("\"1999-11-28T09:00:00Z\"^^xsd:dateTime")));
        T.AssertTerm("\"2000-01-12T12:13:14Z\"^^xsd:dateTime",
            SparqlOperators.Add(T.Parse("\"2000-01-12T11:13:14Z\"^^xsd:dateTime"), T.Parse("\"PT1H\"^^xsd:dayTimeDuration")));
        T.AssertTerm("\"2001-02-28\"^^xsd:date",
            SparqlOperators.Add(T.Parse("\"2000-12-31\"^^xsd:date"), T.Parse("\"P2M\"^^xsd:yearMonthDuration")));
        T.AssertTerm("\"1999-12-31T23:00:00\"^^xsd:dateTime",
            SparqlOperators.Subtract(T.Parse("\"2000-01-01T00:00:00\"^^xsd:dateTime"), T.Parse("\"PT1H\"^^xsd:dayTimeDuration")));
        T.AssertTerm("\"PT3H\"^^xsd:dayTimeDuration",
            SparqlOperators.Multiply(T.Parse("\"PT1H\"^^xsd:dayTimeDuration"), T.Parse("3")));
        T.AssertError(() => SparqlOperators.Add(T.Parse("\"2000-01-01\"^^xsd:date"), T.Parse("\"2000-01-01\"^^xsd:date")));
    }

    [Fact]
    public void Try_variants_report_the_error_value_without_throwing()
    {
        Assert.True(SparqlOperators.TryEqual(T.Parse("1"), T.Parse("1.0"), out var eq));
        Assert.True(eq);
        Assert.False(SparqlOperators.TryEqual(T.Parse("\"x\"^^<http://example/t>"), T.Parse("\"y\"^^<http://example/t>"), out _));
        Assert.True(SparqlOperators.TryCompare(T.Parse("1"), T.Parse("2"), out var order));
        Assert.Equal(-1, order);
        Assert.True(SparqlOperators.TryCompare(T.Parse("\"NaN\"^^xsd:double"), T.Parse("2"), out order));
        Assert.Null(order);
        Assert.False(SparqlOperators.TryCompare(T.Parse("\"a\"@en"), T.Parse("\"b\"@en"), out _));
        Assert.True(SparqlOperators.TryEffectiveBooleanValue(T.Parse("\"a\""), out var ebv));
        Assert.True(ebv);
        Assert.False(SparqlOperators.TryEffectiveBooleanValue(T.Parse("<http://a>"), out _));
    }

    [Fact]
    public void A_NaN_term_is_not_equal_to_itself()
    {
        var nan = T.Parse("\"NaN\"^^xsd:double");
        Assert.False(SparqlOperators.Equal(nan, nan));
        Assert.True(SparqlOperators.NotEqual(nan, nan));
        var one = T.Parse("1");
        Assert.True(SparqlOperators.Equal(one, one));
    }
}
