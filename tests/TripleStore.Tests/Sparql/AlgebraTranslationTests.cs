using TripleStore.Sparql;
using TripleStore.Sparql.Algebra;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>The translation to algebra (SPARQL 1.1 section 18.2) on the scoping cases that are easy to get wrong.</summary>
public class AlgebraTranslationTests
{
    private static GraphPattern Where(string body)
    {
        var q = SparqlQuery.Parse("PREFIX : <http://e/> SELECT * WHERE " + body);
        return ((ProjectPattern)q.Pattern).Inner;
    }

    [Fact]
    public void FilterOfAGroupAppliesToTheWholeGroup()
    {
        // The FILTER is written first, but filters the group including the OPTIONAL after it.
        var p = Where("{ FILTER(?x > 1) ?s :p ?x OPTIONAL { ?s :q ?y } }");
        var filter = Assert.IsType<FilterPattern>(p);
        Assert.IsType<LeftJoinPattern>(filter.Inner);
    }

    [Fact]
    public void OptionalFilterBecomesTheLeftJoinCondition()
    {
        var p = Where("{ ?s :p ?x OPTIONAL { ?s :q ?y FILTER(?x = ?y) } }");
        var lj = Assert.IsType<LeftJoinPattern>(p);
        Assert.NotNull(lj.Filter);
        Assert.IsType<BgpPattern>(lj.Right);
    }

    [Fact]
    public void FilterOfANestedGroupStaysInsideTheOptional()
    {
        var p = Where("{ ?s :p ?x OPTIONAL { { ?s :q ?y FILTER(?x = ?y) } } }");
        var lj = Assert.IsType<LeftJoinPattern>(p);
        Assert.Null(lj.Filter);
        Assert.IsType<FilterPattern>(lj.Right);
    }

    [Fact]
    public void BindExtendsOnlyWhatPrecedesIt()
    {
        var p = Where("{ ?s :p ?o BIND(?o AS ?x) ?s :q ?y }");
        var join = Assert.IsType<JoinPattern>(p);
        var extend = Assert.IsType<ExtendPattern>(join.Left);
        Assert.Equal("x", extend.Variable);
        Assert.IsType<BgpPattern>(extend.Inner);
        Assert.IsType<BgpPattern>(join.Right);
    }

    [Fact]
    public void MinusAndUnionNest()
    {
        var p = Where("{ ?s :p ?o MINUS { ?s :q ?o } { ?a :b ?c } UNION { ?a :d ?c } }");
        var join = Assert.IsType<JoinPattern>(p);
        Assert.IsType<MinusPattern>(join.Left);
        Assert.IsType<UnionPattern>(join.Right);
    }

    [Fact]
    public void TriplesAroundAFilterFormOneBasicGraphPattern()
    {
        var bgp = Assert.IsType<FilterPattern>(Where("{ ?s :p ?o FILTER(?o) ?s :q ?x }")).Inner;
        Assert.Equal(2, Assert.IsType<BgpPattern>(bgp).Patterns.Count);
    }

    [Fact]
    public void SimplePathsBecomeTriplesAndClosuresStayPaths()
    {
        var bgp = Assert.IsType<BgpPattern>(Where("{ ?s :p/^:q ?o }"));
        Assert.Equal(2, bgp.Patterns.Count);
        Assert.IsType<PathPattern>(Where("{ ?s :p+ ?o }"));
    }

    [Fact]
    public void AggregatesAreGroupedThenFilteredThenExtendedThenProjected()
    {
        var q = SparqlQuery.Parse("PREFIX : <http://e/> SELECT ?s (SUM(?v) * 2 AS ?t) WHERE { ?s :v ?v } GROUP BY ?s HAVING (COUNT(?v) > 1) ORDER BY ?t LIMIT 3");
        var slice = Assert.IsType<SlicePattern>(q.Pattern);
        var project = Assert.IsType<ProjectPattern>(slice.Inner);
        Assert.Equal(new[] { "s", "t" }, project.Projection);
        var order = Assert.IsType<OrderByPattern>(project.Inner);
        var extend = Assert.IsType<ExtendPattern>(order.Inner);
        var having = Assert.IsType<FilterPattern>(extend.Inner);
        var group = Assert.IsType<GroupPattern>(having.Inner);
        Assert.Equal(2, group.Aggregates.Count);
        Assert.Equal("s", group.Keys.Single().Variable);
    }

    [Fact]
    public void TrailingValuesJoinsTheWholePattern()
    {
        var q = SparqlQuery.Parse("SELECT * { ?s ?p ?o } VALUES ?s { <http://a> }");
        var join = Assert.IsType<JoinPattern>(((ProjectPattern)q.Pattern).Inner);
        Assert.IsType<ValuesPattern>(join.Right);
        Assert.Equal(new[] { "s", "p", "o" }, q.ResultVariables);
    }

    [Fact]
    public void SubqueryProjectsItsOwnVariables()
    {
        var p = Where("{ ?s :p ?o { SELECT ?s WHERE { ?s :q ?hidden } } }");
        var join = Assert.IsType<JoinPattern>(p);
        var sub = Assert.IsType<ProjectPattern>(join.Right);
        Assert.Equal(new[] { "s" }, sub.InScopeVariables());
    }
}
