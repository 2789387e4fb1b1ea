using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>Laziness, plan choices, limits, timeouts and cancellation of the evaluator.</summary>
public class SparqlExecutionTests
{
    private static InMemoryDataset Chain(int n)
    {
        var ds = new InMemoryDataset();
        for (int i = 0; i < n; i++)
        {
            ds.Add(new Quad(Ex("n" + i), Ex("next"), Ex("n" + (i + 1))));
            ds.Add(new Quad(Ex("n" + i), RdfVocabulary.Type, Ex("Node")));
        }
        return ds;
    }

    [Fact]
    public void LimitStopsTheScan()
    {
        var source = new CountingQuadSource(Chain(10_000));
        var rows = Select(source, "SELECT * WHERE { ?s ?p ?o } LIMIT 5");
        Assert.Equal(5, rows.Count);
        Assert.True(source.Pulled <= 6, $"pulled {source.Pulled} quads for LIMIT 5");
    }

    [Fact]
    public void FirstRowArrivesBeforeTheWholeResult()
    {
        var source = new CountingQuadSource(Chain(10_000));
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT ?a ?c WHERE { ?a :next ?b . ?b :next ?c }", source);
        using var e = result.GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.True(source.Pulled < 10, $"pulled {source.Pulled} quads before the first row");
    }

    [Fact]
    public void SelectivePatternRunsFirst()
    {
        var ds = Chain(5_000);
        ds.Add(new Quad(Ex("n42"), Ex("label"), Literal.Simple("rare")));
        var source = new CountingQuadSource(ds);
        var rows = Select(source, "SELECT ?s WHERE { ?s a :Node . ?s :label \"rare\" }");
        Assert.Single(rows);
        // Starting from the label touches two quads; starting from the type would touch 5,000.
        Assert.True(source.Pulled <= 3, $"pulled {source.Pulled} quads");
    }

    [Fact]
    public void ConnectedPatternsAvoidCrossProducts()
    {
        var ds = Chain(2_000);
        ds.Add(new Quad(Ex("n7"), Ex("label"), Literal.Simple("start")));
        var source = new CountingQuadSource(ds);
        // Written so that the first two patterns share no variable: a naive order would join 2,000 x 2,000.
        var rows = Select(source, "SELECT ?c WHERE { ?a :next ?b . ?c a :Node . ?a :label \"start\" . ?b :next ?c }");
        Assert.Single(rows);
        Assert.True(source.Pulled < 20, $"pulled {source.Pulled} quads");
    }

    [Fact]
    public void ExplainReportsEstimatedAndActualRows()
    {
        var ds = Chain(100);
        var plan = SparqlEngine.Explain(SparqlQuery.Parse(Prefixes + "SELECT ?s WHERE { ?s a :Node } ORDER BY ?s LIMIT 10"), ds);
        var text = plan.ToString();
        Assert.Contains("Slice", text);
        Assert.Contains("OrderBy", text);
        var bgp = Flatten(plan).Single(p => p.Operator == "BGP");
        Assert.Equal(100, bgp.ActualRows);
        Assert.Equal(100, bgp.EstimatedRows);
        Assert.Equal(10, plan.ActualRows);
    }

    private static IEnumerable<QueryPlan> Flatten(QueryPlan p) => new[] { p }.Concat(p.Children.SelectMany(Flatten));

    [Fact]
    public void TimeoutStopsALongQuery()
    {
        var ds = Chain(400);
        var options = new QueryOptions { Timeout = TimeSpan.FromMilliseconds(200) };
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", ds, options);
        var e = Assert.Throws<TripleStoreException>(() => { foreach (var _ in result) { } });
        Assert.Equal(ErrorCodes.QueryTimeout, e.ErrorCode);
        Assert.Equal(ErrorKind.Timeout, e.Kind);
    }

    [Fact]
    public void CancellationIsHonouredInsideScans()
    {
        using var cts = new CancellationTokenSource();
        var source = new CountingQuadSource(Chain(10_000));
        source.OnPull = () => { if (source.Pulled == 100) cts.Cancel(); };
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + "SELECT * WHERE { ?s ?p ?o } ORDER BY ?o", source, new QueryOptions { CancellationToken = cts.Token });
        var e = Assert.Throws<TripleStoreException>(() => result.ToList());
        Assert.Equal(ErrorCodes.Canceled, e.ErrorCode);
        Assert.True(source.Pulled < 200, $"pulled {source.Pulled} quads after cancellation");
    }

    [Theory]
    [InlineData("SELECT * WHERE { ?s ?p ?o } ORDER BY ?o", "ORDER BY")]
    [InlineData("SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o }", "DISTINCT")]
    [InlineData("SELECT ?s (COUNT(*) AS ?c) WHERE { ?s ?p ?o } GROUP BY ?s", "GROUP BY")]
    [InlineData("SELECT * WHERE { ?s ?p ?o MINUS { ?s :next ?x } }", "MINUS")]
    public void MemoryBoundOperatorsStopAtTheirLimit(string query, string operatorName)
    {
        var ds = Chain(100);
        var options = new QueryOptions { MaxRowsInMemory = 50 };
        var e = Assert.Throws<TripleStoreException>(() => Select(ds, query, options));
        Assert.Equal(ErrorCodes.LimitExceeded, e.ErrorCode);
        Assert.Contains("MaxRowsInMemory", e.Message);
        Assert.Contains(operatorName, e.Message);
    }

    [Fact]
    public void OrderByWithLimitKeepsOnlyTheTopRows()
    {
        var ds = Chain(1_000);
        var rows = Select(ds, "SELECT ?s WHERE { ?s a :Node } ORDER BY DESC(?s) LIMIT 3", new QueryOptions { MaxRowsInMemory = 2_100 });
        Assert.Equal(new[] { "<http://example.org/n999>", "<http://example.org/n998>", "<http://example.org/n997>" }, rows.Select(r => r["s"]));
    }

    [Fact]
    public void ServiceIsAnErrorUnlessSilentWhileFederationIsOff()
    {
        var ds = Chain(3);
        var e = Assert.Throws<TripleStoreException>(() => Select(ds, "SELECT * WHERE { ?s a :Node SERVICE <http://remote/sparql> { ?s ?p ?o } }"));
        Assert.Equal(ErrorCodes.ServiceNotAllowed, e.ErrorCode);
        Assert.Contains("SERVICE is not enabled", e.Message);
        Assert.Equal(3, Select(ds, "SELECT * WHERE { ?s a :Node SERVICE SILENT <http://remote/sparql> { ?s ?p ?o } }").Count);
    }

    [Fact]
    public void PlanCacheReturnsTheSameParseAndEvictsTheLeastRecentlyUsed()
    {
        var cache = new QueryPlanCache(capacity: 2);
        var a = cache.GetOrParse("ASK { ?s ?p 1 }");
        Assert.Same(a, cache.GetOrParse("ASK { ?s ?p 1 }"));
        cache.GetOrParse("ASK { ?s ?p 2 }");
        cache.GetOrParse("ASK { ?s ?p 1 }");
        cache.GetOrParse("ASK { ?s ?p 3 }"); // evicts query 2, the least recently used
        Assert.Equal(2, cache.Count);
        Assert.Same(a, cache.GetOrParse("ASK { ?s ?p 1 }"));
        long misses = cache.Misses;
        cache.GetOrParse("ASK { ?s ?p 2 }");
        Assert.Equal(misses + 1, cache.Misses);
        Assert.Throws<TripleStore.Sparql.Syntax.SparqlSyntaxException>(() => cache.GetOrParse("ASK {"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void BlankNodesOfAConstructTemplateAreFreshPerSolution()
    {
        var ds = Chain(3);
        var triples = ((GraphResult)SparqlEngine.Evaluate(Prefixes + "CONSTRUCT { _:x :of ?s } WHERE { ?s a :Node }", ds)).ToList();
        Assert.Equal(3, triples.Select(t => t.Subject).Distinct().Count());
    }
}
