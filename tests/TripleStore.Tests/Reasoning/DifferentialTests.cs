using TripleStore.Rdf;
using TripleStore.Reasoning;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// Random ontologies and data (seeded): the materializer's derived triples and inconsistencies must be
/// exactly the naive reasoner's, and after each random update an incremental run must leave the store as
/// a full recomputation would.
/// </summary>
public class DifferentialTests
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 25).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MaterializerAgreesWithNaiveReasoner(int seed)
    {
        var generator = new RandomOntology(seed);
        var input = generator.Schema(12).Concat(generator.Data(40)).Distinct().ToList();
        using var data = new ReasoningTestData();
        data.Add(input);
        var result = data.Materialize();
        var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl);
        var expected = naive.Derived(input);
        Assert.Equal(Owl2RlRuleTests.Sorted(expected), Owl2RlRuleTests.Sorted(data.Derived()));
        Assert.Equal(naive.InconsistentRules.Order(), result.Inconsistencies.Select(i => i.Rule).Distinct().Order());
        Assert.Equal(expected.Count, result.TotalDerived);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RdfsMaterializerAgreesWithNaiveReasoner(int seed)
    {
        var generator = new RandomOntology(seed);
        var input = generator.Schema(12).Concat(generator.Data(40)).Distinct().ToList();
        using var data = new ReasoningTestData();
        data.Add(input);
        data.Materialize(ReasoningProfile.Rdfs);
        Assert.Equal(Owl2RlRuleTests.Sorted(new NaiveReasoner(ReasoningProfile.Rdfs).Derived(input)), Owl2RlRuleTests.Sorted(data.Derived()));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void IncrementalUpdatesEqualFullRecomputation(int seed)
    {
        var generator = new RandomOntology(seed + 1000);
        var schema = generator.Schema(10);
        var current = schema.Concat(generator.Data(30)).Distinct().ToList();
        using var data = new ReasoningTestData();
        data.Add(current);
        data.Materialize();
        for (int step = 0; step < 6; step++)
        {
            var (removals, additions) = generator.Update(current, 6);
            var summary = data.Store.ApplyChanges(removals.Select(t => t.InGraph(null)), additions.Select(t => t.InGraph(null)));
            current = current.Except(removals).Concat(additions).Distinct().ToList();
            Assert.Equal(summary.Added + summary.Removed > 0, data.Store.ReasoningStatus.IsStale);
            var result = data.Materialize();
            Assert.False(data.Store.ReasoningStatus.IsStale);
            var naive = new NaiveReasoner(ReasoningProfile.Owl2Rl);
            var expected = naive.Derived(current);
            Assert.Equal(Owl2RlRuleTests.Sorted(expected), Owl2RlRuleTests.Sorted(data.Derived()));
            Assert.Equal(expected.Count, result.TotalDerived);
            Assert.Equal(naive.InconsistentRules.Order(), result.Inconsistencies.Select(i => i.Rule).Distinct().Order());
        }
    }

    [Fact]
    public void DataOnlyUpdatesRunIncrementally()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(":A rdfs:subClassOf :B . :B rdfs:subClassOf :C . :p rdfs:domain :A . :x :p :y ."));
        data.Materialize();
        data.Store.Remove(ReasoningTestData.T(":x :p :y").InGraph(null));
        data.Store.Add(ReasoningTestData.T(":z a :A").InGraph(null));
        var result = data.Materialize();
        Assert.True(result.Incremental);
        var derived = data.Derived();
        Assert.DoesNotContain(ReasoningTestData.T(":x a :C"), derived);
        Assert.Contains(ReasoningTestData.T(":z a :C"), derived);
        Assert.True(result.Removed > 0 && result.Derived > 0);
    }

    [Fact]
    public void AssertingADerivedTripleMovesItOutOfTheDerivedSet()
    {
        using var data = new ReasoningTestData();
        data.Add(ReasoningTestData.Parse(":A rdfs:subClassOf :B . :x a :A ."));
        data.Materialize(rules: ["cax-sco"]);
        var fact = ReasoningTestData.T(":x a :B");
        data.Store.Add(fact.InGraph(null));
        data.Materialize(rules: ["cax-sco"]);
        Assert.DoesNotContain(fact, data.Derived());
        Assert.Contains(fact, data.All());
        data.Store.Remove(fact.InGraph(null));
        data.Materialize(rules: ["cax-sco"]);
        Assert.Contains(fact, data.Derived());
    }
}
