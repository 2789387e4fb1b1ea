using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

/// <summary>SPARQL 1.1 sections 17.4.4 and 17.4.5, with their examples.</summary>
public class NumericAndDateFunctionTests
{
    [Theory]
    [InlineData("ABS", "1", "1")]
    [InlineData("ABS", "-1.5", "1.5")]
    [InlineData("ABS", "\"-3\"^^xsd:int", "3")]
    [InlineData("ABS", "-2e0", "2e0")]
    [InlineData("ROUND", "2.4999", "2.0")]
    [InlineData("ROUND", "2.5", "3.0")]
    [InlineData("ROUND", "-2.5", "-2.0")]
    [InlineData("ROUND", "-2.6", "-3.0")]
    [InlineData("ROUND", "7", "7")]
    [InlineData("ROUND", "2.5e0", "3e0")]
    [InlineData("ROUND", "-2.5e0", "-2e0")]
    [InlineData("CEIL", "10.5", "11.0")]
    [InlineData("CEIL", "-10.5", "-10.0")]
    [InlineData("FLOOR", "10.5", "10.0")]
    [InlineData("FLOOR", "-10.5", "-11.0")]
    [InlineData("FLOOR", "\"1.5\"^^xsd:float", "\"1\"^^xsd:float")]
    public void Rounding_functions_keep_the_type(string function, string arg, string expected)
    {
        var result = (Literal)T.Call(function, arg);
        var want = (Literal)T.Parse(expected);
        Assert.Equal(want.Datatype, result.Datatype);
        Assert.True(SparqlOperators.Equal(want, result), $"{result} != {want}");
    }

    [Fact]
    public void Numeric_functions_reject_non_numbers()
    {
        foreach (var f in new[] { "ABS", "ROUND", "CEIL", "FLOOR" })
        {
            T.AssertError(() => T.Call(f, "\"1\""));
            T.AssertError(() => T.Call(f, "\"x\"^^xsd:integer"));
        }
    }

    [Fact]
    public void Round_of_NaN_and_negative_half_keeps_xpath_results()
    {
        T.AssertTerm("\"NaN\"^^xsd:double", T.Call("ROUND", "\"NaN\"^^xsd:double"));
        T.AssertTerm("\"-0.0E0\"^^xsd:double", T.Call("ROUND", "-0.5e0"));
    }

    [Fact]
    public void Rand_is_a_double_in_the_unit_interval()
    {
        for (int i = 0; i < 100; i++)
        {
            var r = (Literal)T.Call("RAND");
            Assert.Equal(Xsd.Double, r.Datatype);
            Assert.True(Numeric.TryParse(r, out var n));
            Assert.InRange(n.DoubleValue, 0.0, 0.9999999999999999);
        }
    }

    private const string Sample = "\"2011-01-10T14:45:13.815-05:00\"^^xsd:dateTime";

    [Theory]
    [InlineData("YEAR", Sample, "2011")]
    [InlineData("MONTH", Sample, "1")]
    [InlineData("DAY", Sample, "10")]
    [InlineData("HOURS", Sample, "14")]
    [InlineData("MINUTES", Sample, "45")]
    [InlineData("SECONDS", Sample, "13.815")]
    [InlineData("TIMEZONE", Sample, "\"-PT5H\"^^xsd:dayTimeDuration")]
    [InlineData("TIMEZONE", "\"2011-01-10T14:45:13.815Z\"^^xsd:dateTime", "\"PT0S\"^^xsd:dayTimeDuration")]
    [InlineData("TIMEZONE", "\"2011-01-10T14:45:13+05:30\"^^xsd:dateTime", "\"PT5H30M\"^^xsd:dayTimeDuration")]
    [InlineData("TZ", Sample, "\"-05:00\"")]
    [InlineData("TZ", "\"2011-01-10T14:45:13.815Z\"^^xsd:dateTime", "\"Z\"")]
    [InlineData("TZ", "\"2011-01-10T14:45:13.815\"^^xsd:dateTime", "\"\"")]
    [InlineData("YEAR", "\"-0044-03-15\"^^xsd:date", "-44")]
    [InlineData("SECONDS", "\"2011-01-10T14:45:13\"^^xsd:dateTime", "13.0")]
    [InlineData("HOURS", "\"23:59:00Z\"^^xsd:time", "23")]
    public void Date_parts(string function, string arg, string expected) => T.AssertTerm(expected, T.Call(function, arg));

    [Theory]
    [InlineData("TIMEZONE", "\"2011-01-10T14:45:13.815\"^^xsd:dateTime")]
    [InlineData("YEAR", "\"2011-01-10\"")]
    [InlineData("YEAR", "\"2011-13-10T00:00:00Z\"^^xsd:dateTime")]
    [InlineData("YEAR", "\"23:59:00\"^^xsd:time")]
    [InlineData("HOURS", "\"2011-01-10\"^^xsd:date")]
    [InlineData("MONTH", "1")]
    public void Date_parts_of_other_values_are_errors(string function, string arg) => T.AssertError(() => T.Call(function, arg));

    [Fact]
    public void Now_is_fixed_for_the_context()
    {
        var a = T.Call("NOW");
        var b = T.Call("NOW");
        Assert.Same(a, b);
        T.AssertTerm("\"2011-01-10T14:45:13.815-05:00\"^^xsd:dateTime", a);
        var utc = new FunctionContext(new DateTimeOffset(2020, 2, 29, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("2020-02-29T00:00:00Z", utc.NowLiteral.Value);
    }

    [Theory]
    [InlineData("2004-04-12T13:20:00-05:00", true)]
    [InlineData("2004-04-12T13:20:15.5", true)]
    [InlineData("-0001-01-01T00:00:00Z", true)]
    [InlineData("12004-04-12T13:20:00Z", true)]
    [InlineData("2000-01-01T24:00:00", true)]
    [InlineData("2004-02-29T00:00:00", true)]
    [InlineData("2003-02-29T00:00:00", false)]
    [InlineData("1900-02-29T00:00:00", false)]
    [InlineData("2004-04-12T13:00", false)]
    [InlineData("2004-04-12 13:20:00", false)]
    [InlineData("04-04-12T13:20:00", false)]
    [InlineData("02004-04-12T13:20:00", false)]
    [InlineData("2004-04-12T24:00:01", false)]
    [InlineData("2004-04-12T13:60:00", false)]
    [InlineData("2004-04-12T13:20:00+15:00", false)]
    [InlineData("2004-04-12T13:20:00.", false)]
    [InlineData("2004-04-12T13:20:00z", false)]
    public void DateTime_lexical_space(string lexical, bool valid) =>
        Assert.Equal(valid, XsdDateTime.TryParse(lexical, TemporalKind.DateTime, out _));

    [Theory]
    [InlineData("P1Y2M3DT4H5M6.7S", "xsd:duration", true)]
    [InlineData("-P1Y", "xsd:duration", true)]
    [InlineData("PT0S", "xsd:dayTimeDuration", true)]
    [InlineData("P1D", "xsd:yearMonthDuration", false)]
    [InlineData("P1Y", "xsd:dayTimeDuration", false)]
    [InlineData("P", "xsd:duration", false)]
    [InlineData("P1YT", "xsd:duration", false)]
    [InlineData("PT1D", "xsd:duration", false)]
    [InlineData("P1M1Y", "xsd:duration", false)]
    [InlineData("P1.5Y", "xsd:duration", false)]
    public void Duration_lexical_space(string lexical, string type, bool valid) =>
        Assert.Equal(valid, XsdDuration.TryParse((Literal)T.Parse($"\"{lexical}\"^^{type}"), out _));

    [Theory]
    [InlineData("P1Y2M3DT4H5M6.7S", "P1Y2M3DT4H5M6.7S")]
    [InlineData("PT36H", "P1DT12H")]
    [InlineData("P0D", "PT0S")]
    [InlineData("-PT90M", "-PT1H30M")]
    public void Durations_print_in_canonical_form(string lexical, string canonical)
    {
        Assert.True(XsdDuration.TryParse((Literal)T.Parse($"\"{lexical}\"^^xsd:duration"), out var d));
        Assert.Equal(canonical, d.ToString());
    }
}
