using TripleStore.Sparql;
using TripleStore.Sparql.Syntax;
using Xunit;

namespace TripleStore.Tests.Sparql;

public class SparqlParserTests
{
    private static SparqlSyntaxException Fails(string query, SparqlParserOptions? options = null) =>
        Assert.Throws<SparqlSyntaxException>(() => SparqlQuery.Parse(query, null, options));

    [Fact]
    public void SyntaxErrorReportsLineColumnAndWhatWasExpected()
    {
        var e = Fails("SELECT *\nWHERE {\n  ?s ?p }");
        Assert.Equal(ErrorCodes.QuerySyntax, e.ErrorCode);
        Assert.Equal(ErrorKind.QuerySyntax, e.Kind);
        Assert.Equal(3, e.Position.Line);
        Assert.Equal(9, e.Position.Column);
        Assert.Contains("expected", e.Detail);
        Assert.Contains("'}'", e.Detail);
    }

    [Fact]
    public void UndeclaredPrefixIsNamedAtItsPosition()
    {
        var e = Fails("SELECT * { ?s ex:p ?o }");
        Assert.Equal(1, e.Position.Line);
        Assert.Equal(15, e.Position.Column);
        Assert.Contains("'ex:'", e.Detail);
    }

    [Fact]
    public void SourceNameAppearsInThePosition()
    {
        var e = Fails("ASK { ?s }", new SparqlParserOptions { SourceName = "q.rq" });
        Assert.Equal("q.rq", e.Position.Source);
    }

    [Theory]
    [InlineData("SELECT ?x WHERE { ?s ?p ?o FILTER(COUNT(?o) > 1) }", "aggregate")]
    [InlineData("SELECT ?s (COUNT(?o) AS ?c) WHERE { ?s ?p ?o } GROUP BY ?p", "?s")]
    [InlineData("SELECT * WHERE { ?s ?p ?o BIND(1 AS ?o) }", "already in scope")]
    [InlineData("SELECT (1 AS ?s) WHERE { ?s ?p ?o }", "already in scope")]
    [InlineData("SELECT * WHERE { _:a ?p ?o OPTIONAL { ?x ?y ?z } _:a ?q ?r }", "two different basic graph patterns")]
    [InlineData("SELECT * WHERE { VALUES (?a ?b) { (1) } }", "1 values but 2 variables")]
    [InlineData("SELECT * WHERE { ?s ?p ?o } LIMIT -1", "non-negative integer")]
    [InlineData("SELECT * WHERE { ?s ?p \"open }", "not closed")]
    [InlineData("SELECT * WHERE { FILTER(STRLEN()) }", "STRLEN takes 1")]
    [InlineData("SELECT (COUNT(COUNT(*)) AS ?c) WHERE { }", "aggregate")]
    public void InvalidQueriesAreRejectedWithAReason(string query, string reason)
    {
        var e = Fails(query);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void DeepNestingFailsCleanlyInsteadOfOverflowingTheStack()
    {
        var parens = new string('(', 100_000) + "1" + new string(')', 100_000);
        Assert.Contains("nested more than", Fails($"SELECT * WHERE {{ FILTER({parens}) }}").Message);
        var groups = new string('{', 100_000) + new string('}', 100_000);
        Assert.Contains("nested more than", Fails($"SELECT * WHERE {groups}").Message);
        var nots = new string('!', 100_000) + "true";
        Assert.Contains("nested more than", Fails($"ASK {{ FILTER({nots}) }}").Message);
        var collections = string.Concat(Enumerable.Repeat("(", 100_000)) + string.Concat(Enumerable.Repeat(")", 100_000));
        Assert.Contains("nested more than", Fails($"ASK {{ {collections} <p> 1 }}").Message);
    }

    [Fact]
    public void VeryLongChainsFailCleanly()
    {
        var unions = string.Join(" UNION ", Enumerable.Repeat("{ ?s ?p ?o }", 50_000));
        Assert.Contains("MaxChainLength", Fails($"SELECT * WHERE {{ {unions} }}").Message);
        var sum = string.Join(" + ", Enumerable.Repeat("1", 50_000));
        Assert.Contains("MaxChainLength", Fails($"SELECT ({sum} AS ?x) WHERE {{ }}").Message);
    }

    [Fact]
    public void ChainsWithinTheLimitEvaluate()
    {
        var unions = string.Join(" UNION ", Enumerable.Repeat("{ BIND(1 AS ?x) }", 1_000));
        var rows = (SolutionSequence)SparqlEngine.Evaluate($"SELECT ?x WHERE {{ {unions} }}", new TripleStore.Dataset.InMemoryDataset());
        Assert.Equal(1_000, rows.Count());
    }

    [Fact]
    public void ParsesEveryQueryForm()
    {
        const string p = "PREFIX : <http://e/> ";
        Assert.Equal(QueryForm.Select, SparqlQuery.Parse(p + "SELECT DISTINCT ?s WHERE { ?s :p/:q* ?o }").Form);
        Assert.Equal(QueryForm.Ask, SparqlQuery.Parse(p + "ASK { ?s ^:p|!(:a|^:b) ?o }").Form);
        var construct = SparqlQuery.Parse(p + "CONSTRUCT WHERE { ?s :p ?o }");
        Assert.Equal(QueryForm.Construct, construct.Form);
        Assert.Single(construct.Template!);
        var describe = SparqlQuery.Parse(p + "DESCRIBE :x ?y FROM :g FROM NAMED :h WHERE { ?y :p :x }");
        Assert.Equal(QueryForm.Describe, describe.Form);
        Assert.Equal(2, describe.DescribeTerms!.Count);
        Assert.Single(describe.DefaultGraphs);
        Assert.Single(describe.NamedGraphs);
        var service = SparqlQuery.Parse(p + "SELECT * { SERVICE SILENT <http://remote/> { ?s ?p ?o } }");
        Assert.Contains("Service(", service.Pattern.ToString());
    }

    [Fact]
    public void RelativeIrisResolveAgainstBase()
    {
        var q = SparqlQuery.Parse("BASE <http://example.org/dir/> SELECT * FROM <g.ttl> { <a> <b> ?o }");
        Assert.Equal("http://example.org/dir/g.ttl", q.DefaultGraphs[0].Value);
        Assert.Contains("<http://example.org/dir/a>", q.Pattern.ToString());
    }
}
