using TripleStore.Benchmarks.Runner;
using Xunit;

namespace TripleStore.Tests.Benchmarks.Runner;

public class ExpectedCountsTests
{
    [Theory]
    [InlineData(BenchmarkKind.Lubm, 1)]
    [InlineData(BenchmarkKind.Lubm, 10)]
    [InlineData(BenchmarkKind.Bsbm, 100)]
    [InlineData(BenchmarkKind.Bsbm, 2785)]
    public void CountsAreShippedForTheScalesOfTheTestsAndTheDocs(BenchmarkKind kind, int scale)
    {
        var workload = BenchmarkWorkload.Create(kind, scale);
        var set = ExpectedCounts.Default.For(workload);
        Assert.NotNull(set);
        Assert.Equal(workload.QueryNames.Order(), set.Counts.Keys.Order());
        Assert.All(set.Counts.Values, counts => Assert.Equal(workload.DistinctRounds, counts.Length));
        Assert.All(set.Counts.Values, counts => Assert.All(counts, c => Assert.True(c >= 0)));
    }

    [Fact]
    public void OtherSeedsHaveNoRecordedCounts()
    {
        Assert.Null(ExpectedCounts.Default.For(new LubmWorkload(1, seed: 99)));
        Assert.Null(ExpectedCounts.Default.For(new BsbmWorkload(100, parameterSeed: 99)));
    }

    [Fact]
    public void ASetRoundTripsThroughJsonAndReplacesItsOlderSelf()
    {
        var set = new ExpectedCountSet
        {
            Benchmark = "LUBM", Scale = 3, Seed = 5, Rounds = 1,
            Counts = new Dictionary<string, long[]> { ["Q1"] = [4], ["Q2"] = [0] },
        };
        var file = new ExpectedCounts([]).With(set).With(set with { Counts = new Dictionary<string, long[]> { ["Q1"] = [5] } });

        var read = ExpectedCounts.Parse(file.ToJson(), "test");

        var only = Assert.Single(read.Sets);
        Assert.Equal([5L], only.Counts["Q1"]);
        Assert.Contains("\"Q1\": [5]", file.ToJson());
    }

    [Fact]
    public void AMalformedFileIsAConfigurationError()
    {
        var error = Assert.Throws<TripleStoreException>(() => ExpectedCounts.Parse("{ \"Sets\": [ { \"Benchmark\": 3 } ] }", "bad.json"));
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Contains("bad.json", error.Message);
    }

    [Theory]
    [InlineData("PREFIX x: <http://e/SELECT> # ASK\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT")]
    [InlineData("DESCRIBE ?x WHERE { ?x <http://e/p> \"SELECT\" }", "DESCRIBE")]
    [InlineData("prefix a: <http://e/> select * { ?s ?p ?o }", "SELECT")]
    [InlineData("ASK { ?s ?p ?o }", "ASK")]
    public void TheEndpointExecutorTellsTheQueryForm(string query, string form) =>
        Assert.Equal(form, SparqlEndpointExecutor.QueryForm(query));
}
