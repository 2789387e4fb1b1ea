using TripleStore.Benchmarks.Lubm;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Reasoning.Rules;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// A full run sized from the last run's counts holds its whole closure in the rows it was given: the repeats
/// a merge appends (and marks dead) fit the slack, so the row array is never doubled for a few rows over.
/// </summary>
public class PresizeTests
{
    [Fact]
    public void AClosureOfTheLastRunsSizeFitsThePresizedRows()
    {
        List<Triple> asserted;
        using (var reader = RdfParser.Create(new StringReader(UnivBenchOntology.Turtle), RdfFormat.Turtle))
            asserted = reader.ReadAll().Concat(new LubmGenerator(1, seed: 0).Generate()).Where(q => q.Graph is null).Select(q => q.Triple).Distinct().ToList();
        var rules = RuleCatalog.Select(ReasoningProfile.Owl2Rl, null);

        // The last run: how many facts its closure held.
        var last = new Reasoner(ReasoningProfile.Owl2Rl, rules, parallel: true);
        last.MaterializeLoaded(Load(last, asserted));
        long derived = last.Store.Count - asserted.Count;

        var reasoner = new Reasoner(ReasoningProfile.Owl2Rl, rules, parallel: true);
        StoreMaterializer.Presize(reasoner, asserted.Count, derived);
        int capacity = reasoner.Store.RowCapacity;
        reasoner.MaterializeLoaded(Load(reasoner, asserted));

        Assert.Equal(last.Store.Count, reasoner.Store.Count);
        // The merges appended repeats: sized to the closure alone, the rows would have been doubled.
        Assert.True(reasoner.Store.RowCount > asserted.Count + derived, $"{reasoner.Store.RowCount} rows for {reasoner.Store.Count} facts: no repeats");
        Assert.Equal(capacity, reasoner.Store.RowCapacity);
    }

    private static Fact[] Load(Reasoner reasoner, List<Triple> triples) =>
        triples.Select(t => new Fact(reasoner.Terms.Intern(t.Subject), reasoner.Terms.Intern(t.Predicate), reasoner.Terms.Intern(t.Object))).ToArray();
}
