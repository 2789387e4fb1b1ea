using TripleStore.Benchmarks.Lubm;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Sparql;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// LUBM(1) with the univ-bench ontology: after OWL 2 RL materialization the 14 LUBM queries, run by the
/// SPARQL engine over a store snapshot, give the answers they give over the naive reasoner's closure.
/// </summary>
public class LubmReasoningTests
{
    [Fact]
    public void FourteenQueriesAnswerAsOverTheNaiveClosure()
    {
        List<Triple> asserted;
        using (var reader = RdfParser.Create(new StringReader(UnivBenchOntology.Turtle), RdfFormat.Turtle))
            asserted = reader.ReadAll().Concat(new LubmGenerator(1, seed: 0).Generate()).Where(q => q.Graph is null).Select(q => q.Triple).Distinct().ToList();

        using var data = new ReasoningTestData();
        data.Store.ImportQuads(asserted.Select(t => t.InGraph(null)));
        var result = data.Materialize();
        Assert.True(result.IsConsistent);

        var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl);
        var closure = asserted.Concat(naive.Derived(asserted)).Select(t => t.InGraph(null));
        var reference = new InMemoryDataset(closure);

        using var snapshot = data.Store.OpenSnapshot();
        Assert.Equal(reference.Count, snapshot.Match(null, null, null, GraphSelector.Default).LongCount());
        int nonEmpty = 0;
        foreach (var query in LubmQueries.All)
        {
            var expected = Rows(SparqlEngine.Evaluate(query.Text, reference));
            var actual = Rows(SparqlEngine.Evaluate(query.Text, snapshot));
            Assert.True(expected.SequenceEqual(actual), $"{query.Name}: {actual.Count} rows, expected {expected.Count}");
            if (expected.Count > 0) nonEmpty++;
        }
        Assert.True(nonEmpty >= 12, $"only {nonEmpty} of 14 queries have answers");
    }

    private static List<string> Rows(SparqlResult result) =>
        ((SolutionSequence)result).Select(row => string.Join(" ", row.Select(t => t?.ToString() ?? "UNDEF"))).Order(StringComparer.Ordinal).ToList();
}
