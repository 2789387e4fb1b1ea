using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Reasoning.Rules;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// The split of a closure into derived triples and premises, which after a load from scratch tells asserted
/// from derived facts by row number: it must give exactly the closure minus what is asserted, also once
/// asserted facts were added or removed afterwards (when rows no longer say which is which).
/// </summary>
public class ClosureSplitTests
{
    private const string Ex = "http://example.org/";
    private static readonly Iri Type = new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    private static readonly Iri SubClassOf = new("http://www.w3.org/2000/01/rdf-schema#subClassOf");

    private static Reasoner Load(out Func<string, string, string, Fact> fact, out List<Fact> asserted)
    {
        var reasoner = new Reasoner(ReasoningProfile.Owl2Rl, RuleCatalog.Select(ReasoningProfile.Owl2Rl, null), parallel: false);
        var terms = reasoner.Terms;
        int Term(string name) => name switch
        {
            "type" => terms.Intern(Type),
            "subClassOf" => terms.Intern(SubClassOf),
            _ => terms.Intern(new Iri(Ex + name)),
        };
        fact = (s, p, o) => new Fact(Term(s), Term(p), Term(o));
        asserted =
        [
            fact("A", "subClassOf", "B"),
            fact("B", "subClassOf", "C"),
            fact("x", "type", "A"),
            fact("y", "type", "B"),
            fact("w", "type", "A"),
            fact("w", "type", "B"), // asserted, and entailed by the two facts before it
        ];
        reasoner.MaterializeAll(asserted.ToList());
        return reasoner;
    }

    private static HashSet<Fact> Split(Reasoner reasoner)
    {
        var derived = new List<Fact>();
        reasoner.SplitClosure(derived, new List<Fact>());
        var set = derived.ToHashSet();
        Assert.Equal(set.Count, derived.Count); // no repeats
        return set;
    }

    [Fact]
    public void AfterAFullLoadTheDerivedTriplesAreTheClosureMinusTheAssertedOnes()
    {
        var reasoner = Load(out var fact, out var asserted);
        var derived = Split(reasoner);
        Assert.Equal(reasoner.DerivedTriples().ToHashSet(), derived);
        Assert.Contains(fact("x", "type", "C"), derived);
        Assert.Contains(fact("A", "subClassOf", "C"), derived);
        Assert.DoesNotContain(fact("x", "type", "A"), derived);
        Assert.All(asserted, a => Assert.DoesNotContain(a, derived));
    }

    [Fact]
    public void AssertingAFactThatWasDerivedTakesItOutOfTheDerivedTriples()
    {
        var reasoner = Load(out var fact, out _);
        var was = fact("x", "type", "B"); // a derived row, after the loaded ones
        Assert.Contains(was, Split(reasoner));
        reasoner.AddAsserted([was]);
        var derived = Split(reasoner);
        Assert.DoesNotContain(was, derived);
        Assert.Equal(reasoner.DerivedTriples().ToHashSet(), derived);
    }

    [Fact]
    public void RemovingAnAssertedFactThatStaysEntailedMakesItDerived()
    {
        var reasoner = Load(out var fact, out _);
        var both = fact("w", "type", "B"); // one of the loaded rows
        Assert.DoesNotContain(both, Split(reasoner));
        reasoner.RemoveAsserted([both]); // still entailed by w type A, A subClassOf B
        var derived = Split(reasoner);
        Assert.Contains(both, derived);
        Assert.Equal(reasoner.DerivedTriples().ToHashSet(), derived);
    }
}
