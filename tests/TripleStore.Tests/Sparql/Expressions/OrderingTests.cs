using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;
using Xunit;

namespace TripleStore.Tests.Sparql.Expressions;

public class OrderingTests
{
    private static readonly SparqlOrdering Order = SparqlOrdering.Instance;

    [Fact]
    public void Unbound_sorts_before_blank_nodes_before_iris_before_literals()
    {
        var terms = new Term?[] { T.Parse("\"a\""), T.Parse("<http://a>"), null, T.Parse("_:b"), T.Parse("1") };
        var sorted = terms.Order(Order).ToArray();
        Assert.Null(sorted[0]);
        Assert.IsType<BlankNode>(sorted[1]);
        Assert.IsType<Iri>(sorted[2]);
        Assert.All(sorted[3..], t => Assert.IsType<Literal>(t));
    }

    [Fact]
    public void Numbers_sort_by_value_across_types()
    {
        var sorted = new[] { "10", "2.5", "1e0", "\"3\"^^xsd:byte", "-1", "\"NaN\"^^xsd:double", "\"-INF\"^^xsd:double" }
            .Select(T.Parse).Order(Order).Select(t => ((Literal)t).Value).ToArray();
        Assert.Equal(new[] { "NaN", "-INF", "-1", "1e0", "2.5", "3", "10" }, sorted);
    }

    [Fact]
    public void Strings_sort_by_code_point()
    {
        var sorted = new[] { "\"b\"", "\"\U0001F600\"", "\"B\"", "\"a\"", "\"\uFFFD\"", "\"\"" }
            .Select(T.Parse).Order(Order).Select(t => ((Literal)t).Value).ToArray();
        Assert.Equal(new[] { "", "B", "a", "b", "\uFFFD", "\U0001F600" }, sorted);
    }

    [Fact]
    public void Dates_sort_by_instant()
    {
        var sorted = new[]
        {
            "\"2005-01-01T00:00:00Z\"^^xsd:dateTime",
            "\"2004-12-31T20:00:00-05:00\"^^xsd:dateTime",
            "\"2004-12-31T23:00:00Z\"^^xsd:dateTime",
        }.Select(T.Parse).Order(Order).Select(t => ((Literal)t).Value).ToArray();
        Assert.Equal(new[] { "2004-12-31T23:00:00Z", "2005-01-01T00:00:00Z", "2004-12-31T20:00:00-05:00" }, sorted);
    }

    [Fact]
    public void Values_equal_by_value_still_have_a_fixed_order()
    {
        var a = T.Parse("1");
        var b = T.Parse("1.0");
        Assert.NotEqual(0, Order.Compare(a, b));
        Assert.Equal(-Math.Sign(Order.Compare(a, b)), Math.Sign(Order.Compare(b, a)));
        Assert.Equal(0, Order.Compare(a, T.Parse("1")));
    }

    [Fact]
    public void The_order_is_total_and_consistent_over_mixed_literals()
    {
        var terms = new[]
        {
            "\"a\"", "\"a\"@en", "\"a\"@fr", "\"b\"@en", "1", "1.0", "1e0", "\"abc\"^^xsd:integer", "true", "false",
            "\"2005-01-01\"^^xsd:date", "\"2005-01-01T00:00:00\"^^xsd:dateTime", "\"10:00:00\"^^xsd:time",
            "\"P1M\"^^xsd:duration", "\"P30D\"^^xsd:duration", "\"x\"^^<http://example/t>", "\"y\"^^<http://example/s>",
            "<http://a>", "_:z", "\"NaN\"^^xsd:double",
        }.Select(T.Parse).ToList<Term?>();
        terms.Add(null);
        foreach (var x in terms)
        foreach (var y in terms)
        {
            int xy = Order.Compare(x, y);
            Assert.Equal(-Math.Sign(xy), Math.Sign(Order.Compare(y, x)));
            Assert.Equal(xy == 0, Equals(x, y));
            foreach (var z in terms)
                if (xy <= 0 && Order.Compare(y, z) <= 0)
                    Assert.True(Order.Compare(x, z) <= 0, $"{x} <= {y} <= {z} but not {x} <= {z}");
        }
    }
}
