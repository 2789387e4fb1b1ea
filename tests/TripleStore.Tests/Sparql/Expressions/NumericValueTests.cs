using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

public class NumericValueTests
{
    [Theory]
    [InlineData("\"12\"^^xsd:integer", NumericType.Integer, 12.0)]
    [InlineData("\"-0012\"^^xsd:integer", NumericType.Integer, -12.0)]
    [InlineData("\"+5\"^^xsd:int", NumericType.Integer, 5.0)]
    [InlineData("\"1.50\"^^xsd:decimal", NumericType.Decimal, 1.5)]
    [InlineData("\".5\"^^xsd:decimal", NumericType.Decimal, 0.5)]
    [InlineData("\"5.\"^^xsd:decimal", NumericType.Decimal, 5.0)]
    [InlineData("\"1e3\"^^xsd:double", NumericType.Double, 1000.0)]
    [InlineData("\"-1.25E-2\"^^xsd:double", NumericType.Double, -0.0125)]
    [InlineData("\"INF\"^^xsd:float", NumericType.Float, double.PositiveInfinity)]
    [InlineData("\"-INF\"^^xsd:double", NumericType.Double, double.NegativeInfinity)]
    [InlineData("\"255\"^^xsd:unsignedByte", NumericType.Integer, 255.0)]
    [InlineData("\"-128\"^^xsd:byte", NumericType.Integer, -128.0)]
    [InlineData("\"18446744073709551615\"^^xsd:unsignedLong", NumericType.Integer, 18446744073709551615.0)]
    public void Valid_lexical_forms_parse_to_their_value(string literal, NumericType type, double value)
    {
        Assert.True(Numeric.TryParse((Literal)T.Parse(literal), out var n));
        Assert.Equal(type, n.Type);
        Assert.Equal(value, n.DoubleValue);
    }

    [Theory]
    [InlineData("\"abc\"^^xsd:integer")]
    [InlineData("\"1.5\"^^xsd:integer")]
    [InlineData("\" 1\"^^xsd:integer")]
    [InlineData("\"\"^^xsd:integer")]
    [InlineData("\"+\"^^xsd:integer")]
    [InlineData("\"1e3\"^^xsd:decimal")]
    [InlineData("\".\"^^xsd:decimal")]
    [InlineData("\"inf\"^^xsd:double")]
    [InlineData("\"1e\"^^xsd:double")]
    [InlineData("\"256\"^^xsd:unsignedByte")]
    [InlineData("\"128\"^^xsd:byte")]
    [InlineData("\"0\"^^xsd:positiveInteger")]
    [InlineData("\"1\"^^xsd:negativeInteger")]
    [InlineData("\"1\"^^xsd:nonPositiveInteger")]
    [InlineData("\"-1\"^^xsd:nonNegativeInteger")]
    [InlineData("\"-1\"^^xsd:unsignedInt")]
    [InlineData("\"2147483648\"^^xsd:int")]
    [InlineData("\"32768\"^^xsd:short")]
    [InlineData("\"9223372036854775808\"^^xsd:long")]
    public void Ill_typed_literals_have_no_numeric_value(string literal)
    {
        Assert.False(Numeric.TryParse((Literal)T.Parse(literal), out _));
    }

    [Fact]
    public void Non_numeric_datatypes_are_not_numbers()
    {
        Assert.False(Numeric.TryParse(Literal.Simple("1"), out _));
        Assert.False(Numeric.TryParse(Literal.Typed("1", new Iri("http://example.org/num")), out _));
    }

    [Theory]
    [InlineData(NumericType.Integer, "5", "\"5\"^^xsd:integer")]
    [InlineData(NumericType.Integer, "-5", "\"-5\"^^xsd:integer")]
    [InlineData(NumericType.Decimal, "5", "\"5.0\"^^xsd:decimal")]
    [InlineData(NumericType.Decimal, "-0.50", "\"-0.5\"^^xsd:decimal")]
    [InlineData(NumericType.Double, "150", "\"1.5E2\"^^xsd:double")]
    [InlineData(NumericType.Double, "1", "\"1.0E0\"^^xsd:double")]
    [InlineData(NumericType.Double, "0.00012", "\"1.2E-4\"^^xsd:double")]
    [InlineData(NumericType.Double, "-123456789012", "\"-1.23456789012E11\"^^xsd:double")]
    [InlineData(NumericType.Double, "0", "\"0.0E0\"^^xsd:double")]
    [InlineData(NumericType.Float, "0.1", "\"1.0E-1\"^^xsd:float")]
    public void Results_are_written_in_canonical_form(NumericType type, string value, string expected)
    {
        var d = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var n = type switch
        {
            NumericType.Integer => Numeric.FromInteger(d),
            NumericType.Decimal => Numeric.FromDecimal(d),
            NumericType.Float => Numeric.FromFloat((double)d),
            _ => Numeric.FromDouble((double)d),
        };
        T.AssertTerm(expected, n.ToLiteral());
    }

    [Fact]
    public void Special_doubles_have_their_xsd_spelling()
    {
        T.AssertTerm("\"NaN\"^^xsd:double", Numeric.FromDouble(double.NaN).ToLiteral());
        T.AssertTerm("\"INF\"^^xsd:double", Numeric.FromDouble(double.PositiveInfinity).ToLiteral());
        T.AssertTerm("\"-INF\"^^xsd:float", Numeric.FromFloat(double.NegativeInfinity).ToLiteral());
    }

    [Fact]
    public void Float_values_keep_float_precision()
    {
        Assert.True(Numeric.TryParse((Literal)T.Parse("\"0.1\"^^xsd:float"), out var f));
        Assert.Equal((double)0.1f, f.DoubleValue);
        Assert.NotEqual(0.1, f.DoubleValue);
    }
}
