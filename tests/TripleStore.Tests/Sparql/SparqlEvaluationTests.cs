using TripleStore.Sparql;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

public class SparqlEvaluationTests
{
    private static readonly string People = @"
        :alice a :Person ; :name ""Alice"" ; :age 30 ; :knows :bob .
        :bob a :Person ; :name ""Bob"" ; :age 25 ; :knows :carol .
        :carol a :Person ; :name ""Carol"" ; :knows :alice .
        :dave :name ""Dave"" .";

    [Fact]
    public void BasicGraphPatternJoinsOnSharedVariables()
    {
        var ds = Load(People);
        var rows = Rows(ds, "SELECT ?n WHERE { ?p a :Person ; :name ?n }");
        Assert.Equal(new[] { "n=\"Alice\"", "n=\"Bob\"", "n=\"Carol\"" }, rows);
    }

    [Fact]
    public void OptionalKeepsRowsWithoutMatch()
    {
        var ds = Load(People);
        var rows = Rows(ds, "SELECT ?p ?a WHERE { ?p a :Person OPTIONAL { ?p :age ?a } }");
        Assert.Equal(new[] { "p=:alice a=\"30\"", "p=:bob a=\"25\"", "p=:carol" }.OrderBy(x => x, StringComparer.Ordinal), rows);
    }

    [Fact]
    public void OptionalFilterSeesBothSides()
    {
        var ds = Load(People);
        var rows = Rows(ds, "SELECT ?p ?a WHERE { ?p a :Person OPTIONAL { ?p :age ?a FILTER(?a > 26) } }");
        Assert.Equal(new[] { "p=:alice a=\"30\"", "p=:bob", "p=:carol" }.OrderBy(x => x, StringComparer.Ordinal), rows);
    }

    [Fact]
    public void FilterUnionMinusAndBind()
    {
        var ds = Load(People);
        Assert.Equal(new[] { "p=:alice" }, Rows(ds, "SELECT ?p WHERE { ?p :age ?a FILTER(?a >= 30) }"));
        Assert.Equal(4, Rows(ds, "SELECT ?x WHERE { { ?x a :Person } UNION { ?x :name \"Dave\" } }").Count);
        Assert.Equal(new[] { "p=:carol" }, Rows(ds, "SELECT ?p WHERE { ?p a :Person MINUS { ?p :age ?a } }"));
        Assert.Equal(new[] { "a2=\"50\"", "a2=\"60\"" }, Rows(ds, "SELECT ?a2 WHERE { ?p :age ?a BIND(?a * 2 AS ?a2) }"));
    }

    [Fact]
    public void PropertyPathsTerminateOnCycles()
    {
        var ds = Load(People);
        Assert.Equal(new[] { "x=:alice", "x=:bob", "x=:carol" }, Rows(ds, "SELECT ?x WHERE { :alice :knows+ ?x }"));
        Assert.Equal(new[] { "x=:alice", "x=:bob", "x=:carol" }, Rows(ds, "SELECT ?x WHERE { :alice :knows* ?x }"));
        Assert.Equal(new[] { "x=:carol" }, Rows(ds, "SELECT ?x WHERE { :alice :knows/:knows ?x }"));
        Assert.Equal(new[] { "x=:carol" }, Rows(ds, "SELECT ?x WHERE { :alice ^:knows ?x }"));
        Assert.Equal(new[] { "x=:alice", "x=:bob" }, Rows(ds, "SELECT ?x WHERE { :alice :knows? ?x }"));
    }

    [Fact]
    public void AggregatesGroupAndHaving()
    {
        var ds = Load(People);
        Assert.Equal(new[] { "c=\"3\"" }, Rows(ds, "SELECT (COUNT(*) AS ?c) WHERE { ?p a :Person }"));
        Assert.Equal(new[] { "s=\"55\"" }, Rows(ds, "SELECT (SUM(?a) AS ?s) WHERE { ?p :age ?a }"));
        Assert.Equal(new[] { "c=\"0\"" }, Rows(ds, "SELECT (COUNT(*) AS ?c) WHERE { ?p a :Nothing }"));
        Assert.Equal(new[] { "p=:alice" }, Rows(ds, "SELECT ?p WHERE { ?p :age ?a } GROUP BY ?p HAVING (MAX(?a) > 26)"));
    }

    [Fact]
    public void OrderLimitOffset()
    {
        var ds = Load(People);
        var rows = Select(ds, "SELECT ?n WHERE { ?p :name ?n } ORDER BY DESC(?n) LIMIT 2 OFFSET 1");
        Assert.Equal(new[] { "\"Carol\"", "\"Bob\"" }, rows.Select(r => r["n"]));
    }

    [Fact]
    public void AskConstructDescribe()
    {
        var ds = Load(People);
        Assert.True(((BooleanResult)SparqlEngine.Evaluate(Prefixes + "ASK { :alice :knows :bob }", ds)).Value);
        Assert.False(((BooleanResult)SparqlEngine.Evaluate(Prefixes + "ASK { :bob :knows :alice }", ds)).Value);
        var g = (GraphResult)SparqlEngine.Evaluate(Prefixes + "CONSTRUCT { ?b :knownBy ?a } WHERE { ?a :knows ?b }", ds);
        Assert.Equal(3, g.Count());
        var d = (GraphResult)SparqlEngine.Evaluate(Prefixes + "DESCRIBE :dave", ds);
        Assert.Single(d);
    }

    [Fact]
    public void NamedGraphsAndDatasetClauses()
    {
        var ds = Load(":a :p 1 .");
        AddTurtle(ds, ":b :p 2 .", Ex("g1"));
        AddTurtle(ds, ":c :p 3 .", Ex("g2"));
        Assert.Equal(new[] { "g=:g1 s=:b", "g=:g2 s=:c" }, Rows(ds, "SELECT ?g ?s WHERE { GRAPH ?g { ?s :p ?o } }"));
        Assert.Equal(new[] { "s=:b", "s=:c" }, Rows(ds, "SELECT ?s FROM :g1 FROM :g2 WHERE { ?s :p ?o }"));
        Assert.Equal(new[] { "g=:g2 s=:c" }, Rows(ds, "SELECT ?g ?s FROM NAMED :g2 WHERE { GRAPH ?g { ?s :p ?o } }"));
        Assert.Equal(3, Rows(ds, "SELECT ?s WHERE { ?s :p ?o }", new QueryOptions { DefaultGraphAsUnion = true }).Count);
    }

    [Fact]
    public void ExistsAndSubqueries()
    {
        var ds = Load(People);
        Assert.Equal(new[] { "p=:carol" }, Rows(ds, "SELECT ?p WHERE { ?p a :Person FILTER NOT EXISTS { ?p :age ?a } }"));
        Assert.Equal(new[] { "p=:alice max=\"30\"" }, Rows(ds, "SELECT ?p ?max WHERE { ?p :age ?max { SELECT (MAX(?a) AS ?max) WHERE { ?x :age ?a } } }"));
    }

    [Fact]
    public void ParametersActAsPreBoundValues()
    {
        var ds = Load(People);
        var options = new QueryOptions { Parameters = new Dictionary<string, TripleStore.Rdf.Term> { ["p"] = Ex("bob"), ["min"] = TripleStore.Rdf.Literal.Typed("20", TripleStore.Rdf.Xsd.Integer) } };
        Assert.Equal(new[] { "p=:bob n=\"Bob\"" }, Rows(ds, "SELECT ?p ?n WHERE { ?p :name ?n ; :age ?a FILTER(?a > ?min) }", options));
    }
}
