using TripleStore.Rdf;
using TripleStore.Dataset;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using TripleStore.Tests.Reasoning;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>Filters inside BGPs, estimates of derived triples, and point probes of fully bound patterns.</summary>
public class JoinOrderTests
{
    private static InMemoryDataset Numbered(int n)
    {
        var ds = new InMemoryDataset();
        for (int i = 0; i < n; i++)
        {
            ds.Add(new Quad(Ex("n" + i), Ex("val"), Literal.Typed(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Xsd.Integer)));
            ds.Add(new Quad(Ex("n" + i), Ex("next"), Ex("n" + (i + 1))));
        }
        return ds;
    }

    [Fact]
    public void FilterRunsRightAfterThePatternThatBindsItsVariables()
    {
        var source = new CountingQuadSource(Numbered(1_000));
        var rows = Select(source, "SELECT ?s ?n WHERE { ?s :val ?v . ?s :next ?n FILTER(?v < 3) }");
        Assert.Equal(3, rows.Count);
        // Filtering after the whole BGP would look up :next for all 1,000 subjects.
        Assert.True(source.MatchCalls <= 10, $"{source.MatchCalls} lookups");
    }

    [Fact]
    public void ConjunctsOverOtherVariablesStillFilterTheBgpOutput()
    {
        var ds = Numbered(100);
        var rows = Select(ds, "SELECT ?s ?z WHERE { ?s :val ?v . ?s :next ?n FILTER(?v < 5 && !bound(?z) && ?n != :n3) }");
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, r => r["s"] == "<http://example.org/n2>");
        var bound = Select(ds, "SELECT ?s WHERE { BIND(1 AS ?z) ?s :val ?v . ?s :next ?n FILTER(?v < 5 && !bound(?z)) }");
        Assert.Empty(bound);
    }

    [Fact]
    public void ExplainShowsTheFilterInsideTheBgp()
    {
        var plan = SparqlEngine.Explain(SparqlQuery.Parse(Prefixes + "SELECT ?s WHERE { ?s :val ?v . ?s :next ?n FILTER(?v < 3) }"), Numbered(10));
        Assert.Contains("FILTER", plan.ToString());
        Assert.DoesNotContain("Filter ", plan.ToString());
    }

    [Fact]
    public void LargeDerivedRangesAreNotEstimatedAsSmall()
    {
        using var data = new ReasoningTestData();
        var triples = ReasoningTestData.Parse(":A rdfs:subClassOf :C .");
        for (int i = 0; i < 3_000; i++) triples.Add(new Triple(Ex("m" + i), RdfVocabulary.Type, Ex("A")));
        data.Add(triples);
        data.Materialize(ReasoningProfile.Rdfs);
        using var snapshot = data.Store.OpenSnapshot();
        long estimate = snapshot.EstimateCount(null, RdfVocabulary.Type, Ex("C"), GraphSelector.Default);
        Assert.True(estimate >= 1_500, $"estimated {estimate} derived members of :C, there are 3,000");
    }

    [Fact]
    public void FullyBoundPatternsProbeAssertedAndDerivedTriples()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(":A rdfs:subClassOf :C . :z a :A . :z :p :y . :y :q :w . :z :r :w . :y a :A ."));
        data.Materialize(ReasoningProfile.Rdfs);
        Assert.True(((BooleanResult)data.Store.Query(Prefixes + "ASK { :z a :C }")).Value);
        Assert.True(((BooleanResult)data.Store.Query(Prefixes + "ASK { :z :p :y }")).Value);
        Assert.False(((BooleanResult)data.Store.Query(Prefixes + "ASK { :z :p :w }")).Value);
        // A triangle whose closing edge is a point probe, typed by derived classes.
        var rows = ((SolutionSequence)data.Store.Query(Prefixes + "SELECT ?a ?b ?c WHERE { ?a a :C . ?b a :C . ?a :p ?b . ?b :q ?c . ?a :r ?c }")).ToList();
        Assert.Single(rows);
    }
}
