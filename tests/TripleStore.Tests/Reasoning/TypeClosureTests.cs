using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Reasoning.Rules;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// Type facts emitted with their closed superclasses on type masks (<see cref="TypeClosure"/>,
/// <see cref="TypeMasks"/>) instead of cax-sco one step at a time: the closure must stay exactly the naive
/// one, also with more classes than the masks have bits, equivalent classes, intersections and unions, and
/// incremental runs after it.
/// </summary>
public class TypeClosureTests
{
    private const string Ex = "http://example.org/";
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    private const string Owl = "http://www.w3.org/2002/07/owl#";

    private static Iri R(string local) => new(Rdfs + local);
    private static Iri O(string local) => new(Owl + local);
    private static Iri E(string local) => new(Ex + local);

    private static Reasoner CheckAgainstNaive(List<Triple> input, ReasoningProfile profile, bool parallel)
    {
        var names = RuleCatalog.Select(profile, null);
        var reasoner = new Reasoner(profile, names, parallel);
        Fact ToFact(Triple t) => new(reasoner.Terms.Intern(t.Subject), reasoner.Terms.Intern(t.Predicate), reasoner.Terms.Intern(t.Object));
        reasoner.MaterializeAll(input.Select(ToFact).ToList());
        var expected = new NaiveReasoner(profile, names).Derived(input).Select(ToFact).Where(f => reasoner.IsStorable(f)).ToHashSet();
        var actual = reasoner.DerivedTriples().ToHashSet();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.SetEquals(actual));
        return reasoner;
    }

    /// <summary>A random class hierarchy over <paramref name="classes"/> classes (some cycles), with domains, ranges, an intersection, a union and instance data.</summary>
    private static List<Triple> RandomSchema(int seed, int classes)
    {
        var random = new Random(seed);
        var input = new List<Triple>();
        Iri C() => E("C" + random.Next(classes));
        Iri P() => E("p" + random.Next(8));
        for (int c = 1; c < classes; c++)
        {
            // Mostly a forest going down, with a few edges back up (equivalent classes) and declared classes.
            input.Add(new(E("C" + c), R("subClassOf"), E("C" + random.Next(c))));
            if (random.Next(12) == 0) input.Add(new(E("C" + random.Next(c)), R("subClassOf"), E("C" + c)));
            if (random.Next(4) == 0) input.Add(new(E("C" + c), RdfVocabulary.Type, O("Class")));
        }
        for (int n = 0; n < 6; n++)
        {
            input.Add(new(P(), R("domain"), C()));
            input.Add(new(P(), R("range"), C()));
        }
        input.Add(new(P(), R("subPropertyOf"), P()));
        input.Add(new(C(), O("equivalentClass"), C()));
        foreach (var (kind, node) in new[] { ("intersectionOf", "i"), ("unionOf", "u") })
        {
            var owner = C();
            input.Add(new(owner, O(kind), new BlankNode(node + "0")));
            for (int k = 0; k < 2; k++)
            {
                input.Add(new(new BlankNode(node + k), RdfVocabulary.First, C()));
                input.Add(new(new BlankNode(node + k), RdfVocabulary.Rest, k == 1 ? RdfVocabulary.Nil : new BlankNode(node + (k + 1))));
            }
        }
        for (int n = 0; n < 60; n++)
        {
            var x = E("x" + random.Next(25));
            if (random.Next(2) == 0) input.Add(new(x, RdfVocabulary.Type, C()));
            else input.Add(new(x, P(), E("x" + random.Next(25))));
        }
        return input.Distinct().ToList();
    }

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 12).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ClosedTypingEqualsRuleByRuleFiringOnRandomHierarchies(int seed)
    {
        var input = RandomSchema(seed, 24);
        CheckAgainstNaive(input, ReasoningProfile.Owl2Rl, parallel: seed % 2 == 0);
        CheckAgainstNaive(input, ReasoningProfile.Rdfs, parallel: seed % 2 == 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MoreClassesThanMaskBitsStillGiveTheNaiveClosure(int seed)
    {
        // 150 classes: those beyond the 128 bits are judged by store probes.
        var input = RandomSchema(seed, 150);
        CheckAgainstNaive(input, ReasoningProfile.Rdfs, parallel: true);
    }

    [Fact]
    public void IncrementalRunsAfterClosedTypingEqualFullRecomputation()
    {
        var input = RandomSchema(7, 24);
        var names = RuleCatalog.Select(ReasoningProfile.Owl2Rl, null);
        var terms = new TermTable();
        var incremental = new Reasoner(ReasoningProfile.Owl2Rl, names, parallel: true, terms);
        Fact ToFact(Reasoner r, Triple t) => new(r.Terms.Intern(t.Subject), r.Terms.Intern(t.Predicate), r.Terms.Intern(t.Object));
        int half = input.Count / 2;
        incremental.MaterializeAll(input.Take(half).Select(t => ToFact(incremental, t)).ToList());
        incremental.AddAsserted(input.Skip(half).Select(t => ToFact(incremental, t)).ToList());
        var removed = input.Where((_, i) => i % 5 == 0 && input[i].Predicate.Equals(RdfVocabulary.Type)).ToList();
        incremental.RemoveAsserted(removed.Select(t => ToFact(incremental, t)).ToList());
        var remaining = input.Except(removed).ToList();
        var full = new Reasoner(ReasoningProfile.Owl2Rl, names, parallel: false, terms);
        full.MaterializeAll(remaining.Select(t => ToFact(full, t)).ToList());
        var expected = full.DerivedTriples().ToHashSet();
        var actual = incremental.DerivedTriples().ToHashSet();
        Assert.True(expected.SetEquals(actual), $"expected {expected.Count}, got {actual.Count}");
    }

    [Fact]
    public void MasksGiveBitsUpToTheLimitAndClaimOnlyNewClasses()
    {
        var masks = new TypeMasks(type: 1);
        for (int c = 0; c < TypeMasks.MaxClasses; c++) Assert.Equal(c, masks.EnsureBit(1000 + c));
        Assert.Equal(-1, masks.EnsureBit(5000));
        Assert.Equal(3, masks.EnsureBit(1003));
        masks.EnsureTerms(100);
        var (low, high) = masks.Claim(7, 0b1011, 1);
        Assert.Equal(0b1011UL, low);
        Assert.Equal(1UL, high);
        (low, high) = masks.Claim(7, 0b1111, 1);
        Assert.Equal(0b0100UL, low);
        Assert.Equal(0UL, high);
        Assert.True(masks.Has(7, 64));
        masks.Removed(new Fact(7, 1, 1000 + 64));
        Assert.False(masks.Has(7, 64));
        Assert.True(masks.Has(7, 0));
    }

    [Fact]
    public void MasksFollowTheStoreRowsAndRemovals()
    {
        var store = new FactStore();
        store.Add(new Fact(10, 1, 20));
        store.Add(new Fact(11, 1, 21));
        store.Add(new Fact(10, 2, 11));
        var masks = new TypeMasks(type: 1);
        masks.Sync(store);
        Assert.True(masks.Has(10, masks.BitOf(20)));
        Assert.False(masks.Has(10, masks.BitOf(21)));
        Assert.Equal(-1, masks.BitOf(11));
        store.Add(new Fact(10, 1, 21));
        masks.Sync(store);
        Assert.True(masks.Has(10, masks.BitOf(21)));
        store.Remove(new Fact(10, 1, 20));
        masks.Removed(new Fact(10, 1, 20));
        masks.Sync(store);
        Assert.False(masks.Has(10, masks.BitOf(20)));
    }
}
