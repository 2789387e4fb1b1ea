using TripleStore.Rdf;
using TripleStore.Reasoning;
using TripleStore.Reasoning.Rules;
using Xunit;

namespace TripleStore.Tests.Reasoning;

/// <summary>
/// Schema facts implied by more specific ones (inherited domains and ranges, transitive subclass facts) are
/// not used as driving atoms of prp-dom, prp-rng and cax-sco: the closure must stay exactly the naive one,
/// with the skip really taken, also when classes merge after a skip and for equivalent classes.
/// </summary>
public class SchemaRedundancyTests
{
    private const string Ex = "http://example.org/";
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    private const string Owl = "http://www.w3.org/2002/07/owl#";

    private static Iri I(string name) => name switch
    {
        "type" => RdfVocabulary.Type,
        "subClassOf" or "domain" or "range" or "subPropertyOf" => new Iri(Rdfs + name),
        "equivalentClass" or "FunctionalProperty" => new Iri(Owl + name),
        _ => new Iri(Ex + name),
    };

    private static Triple T(string s, string p, string o) => new(I(s), I(p), I(o));

    /// <summary>Runs the reasoner on <paramref name="input"/> and checks its derived facts against the naive closure.</summary>
    private static Reasoner CheckAgainstNaive(List<Triple> input, ReasoningProfile profile = ReasoningProfile.Owl2Rl, bool parallel = false, IReadOnlyCollection<string>? rules = null)
    {
        var names = RuleCatalog.Select(profile, rules);
        var reasoner = new Reasoner(profile, names, parallel);
        Fact ToFact(Triple t) => new(reasoner.Terms.Intern(t.Subject), reasoner.Terms.Intern(t.Predicate), reasoner.Terms.Intern(t.Object));
        reasoner.MaterializeAll(input.Select(ToFact).ToList());
        var expected = new NaiveReasoner(profile, names).Derived(input).Select(ToFact).Where(f => reasoner.IsStorable(f)).ToHashSet();
        var actual = reasoner.DerivedTriples().ToHashSet();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.SetEquals(actual));
        return reasoner;
    }

    [Fact]
    public void InheritedDomainsAndTransitiveSubclassesDoNotDriveAndTheClosureIsComplete()
    {
        var input = new List<Triple>
        {
            T("A", "subClassOf", "B"), T("B", "subClassOf", "C"), T("C", "subClassOf", "D"),
            T("p", "domain", "A"), T("p", "range", "A"),
            T("x", "p", "y"), T("z", "type", "A"),
        };
        var reasoner = CheckAgainstNaive(input);
        // p domain B, p range B (then C, D) and A subClassOf C (then A/B subClassOf D) arrive after the first round;
        // from scratch, the first round's closed hierarchy already implies them (before the redundancy check sees them).
        int kept = reasoner.SkippedDrivingFacts + reasoner.ImpliedDrivingFacts;
        Assert.True(kept >= 4, $"skipped {reasoner.SkippedDrivingFacts}, implied {reasoner.ImpliedDrivingFacts}");
        foreach (var c in new[] { "A", "B", "C", "D" })
            foreach (var i in new[] { "x", "y", "z" })
                Assert.True(reasoner.Entails(new Fact(reasoner.Terms.Intern(I(i)), reasoner.Terms.Intern(I("type")), reasoner.Terms.Intern(I(c)))), $"{i} a {c}");
    }

    [Fact]
    public void EquivalentClassesNeverJustifyEachOther()
    {
        // A and B are equivalent (a subclass cycle), so neither domain is more specific: both must drive.
        var input = new List<Triple>
        {
            T("A", "equivalentClass", "B"), T("B", "subClassOf", "C"), T("C", "subClassOf", "A"),
            T("p", "domain", "A"), T("q", "subPropertyOf", "p"), T("x", "q", "y"),
        };
        CheckAgainstNaive(input);
    }

    [Fact]
    public void SkippedFactsDriveAgainAfterClassesMerge()
    {
        // p domain B is derived and skipped (A is below B); later a functional property makes B the same as
        // w, so classes merge while the skipped fact is held.
        var input = new List<Triple>
        {
            T("A", "subClassOf", "B"), T("B", "subClassOf", "C"),
            T("p", "domain", "A"), T("x", "p", "y"),
            T("f", "type", "FunctionalProperty"), T("h", "subPropertyOf", "g"), T("g", "subPropertyOf", "f"),
            T("z", "f", "B"), T("z", "h", "w"), T("w", "subClassOf", "E"), T("u", "type", "w"),
        };
        CheckAgainstNaive(input);
    }

    [Fact]
    public void WithoutTheSubclassRulesNothingIsSkipped()
    {
        var input = new List<Triple>
        {
            T("A", "subClassOf", "B"), T("B", "subClassOf", "C"), T("p", "domain", "A"), T("x", "p", "y"),
        };
        var rules = RuleCatalog.DefaultNames(ReasoningProfile.Owl2Rl).Where(r => r != "scm-sco").ToList();
        var reasoner = CheckAgainstNaive(input, rules: rules);
        Assert.Equal(0, reasoner.SkippedDrivingFacts);
    }

    [Fact]
    public void RdfsSkipsInheritedRanges()
    {
        var input = new List<Triple>
        {
            T("A", "subClassOf", "B"), T("B", "subClassOf", "C"), T("p", "range", "A"), T("x", "p", "y"),
        };
        var reasoner = CheckAgainstNaive(input, ReasoningProfile.Rdfs);
        Assert.True(reasoner.SkippedDrivingFacts + reasoner.ImpliedDrivingFacts > 0);
    }

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 40).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomOntologiesAgreeWithTheNaiveClosure(int seed)
    {
        var generator = new RandomOntology(seed + 5000);
        var input = generator.Schema(20).Concat(generator.Data(60)).Distinct().ToList();
        CheckAgainstNaive(input, parallel: seed % 2 == 0);
        CheckAgainstNaive(input, ReasoningProfile.Rdfs);
    }

    [Fact]
    public void RandomOntologiesTakeTheSkip()
    {
        int skipped = 0;
        for (int seed = 1; seed <= 40; seed++)
        {
            var generator = new RandomOntology(seed + 5000);
            var input = generator.Schema(20).Concat(generator.Data(60)).Distinct().ToList();
            skipped += CheckAgainstNaive(input).SkippedDrivingFacts;
        }
        Assert.True(skipped > 0);
    }
}
