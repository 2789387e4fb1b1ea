using TripleStore.Benchmarks.Bsbm;
using TripleStore.Benchmarks.Lubm;
using TripleStore.Formats;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Benchmarks;

/// <summary>The generated files and the shipped ontology read back through the engine's own parsers.</summary>
public class GeneratedDataParsingTests
{
    [Fact]
    public void LubmNTriplesReadBackToTheGeneratedTriples()
    {
        var generator = new LubmGenerator(1, seed: 8);
        AssertRoundTrip(generator.Generate(), generator.WriteNTriples);
    }

    [Fact]
    public void BsbmNTriplesReadBackToTheGeneratedTriples()
    {
        var generator = new BsbmGenerator(60, seed: 8);
        AssertRoundTrip(generator.Generate(), generator.WriteNTriples);
    }

    [Fact]
    public void UnivBenchOntologyParsesAsTurtleWithItsAxioms()
    {
        using var reader = RdfParser.Create(new StringReader(UnivBenchOntology.Turtle), RdfFormat.Turtle);
        var triples = reader.ReadAll().ToArray();
        const string ub = UnivBench.Namespace;
        const string owl = "http://www.w3.org/2002/07/owl#";
        const string rdfs = "http://www.w3.org/2000/01/rdf-schema#";
        bool Has(string s, string p, string o) => triples.Any(t => t.Subject is Iri si && si.Value == s
            && t.Predicate.Value == p && t.Object is Iri oi && oi.Value == o);

        Assert.True(Has(ub + "subOrganizationOf", RdfVocabulary.Type.Value, owl + "TransitiveProperty"));
        Assert.True(Has(ub + "headOf", rdfs + "subPropertyOf", ub + "worksFor"));
        Assert.True(Has(ub + "worksFor", rdfs + "subPropertyOf", ub + "memberOf"));
        Assert.True(Has(ub + "degreeFrom", owl + "inverseOf", ub + "hasAlumnus"));
        Assert.True(Has(ub + "undergraduateDegreeFrom", rdfs + "subPropertyOf", ub + "degreeFrom"));
        Assert.True(Has(ub + "GraduateCourse", rdfs + "subClassOf", ub + "Course"));
        Assert.Equal(43, triples.Count(t => t.Predicate == RdfVocabulary.Type && t.Object is Iri o && o.Value == owl + "Class"
                                            && t.Subject is Iri));

        // Chair ≡ Person ⊓ ∃headOf.Department: an intersection list whose second member is the restriction.
        var list = triples.Single(t => t.Subject is Iri s && s.Value == ub + "Chair" && t.Predicate.Value == owl + "intersectionOf").Object;
        var members = ReadList(triples, list);
        Assert.Equal(2, members.Count);
        Assert.Equal(new Iri(ub + "Person"), members[0]);
        var restriction = triples.Where(t => t.Subject == members[1]).ToDictionary(t => t.Predicate.Value, t => t.Object);
        Assert.Equal(new Iri(ub + "headOf"), restriction[owl + "onProperty"]);
        Assert.Equal(new Iri(ub + "Department"), restriction[owl + "someValuesFrom"]);
    }

    [Fact]
    public void Lubm1FileHoldsTheExpectedClassesAndCounts()
    {
        var types = TypeCounts(new LubmGenerator(1, seed: 0).WriteNTriples, out long triples);
        Assert.Equal(128_717, triples); // seed 0 draws 19 departments (docs/performance.md)
        string ub = UnivBench.Namespace;
        Assert.Equal(19, types[ub + "Department"]);
        Assert.InRange(types[ub + "ResearchGroup"], 19 * 10, 19 * 20); // 10-20 per department
        foreach (var cls in new[] { "University", "FullProfessor", "AssociateProfessor", "AssistantProfessor", "Lecturer",
                                    "UndergraduateStudent", "GraduateStudent", "Course", "GraduateCourse", "Publication" })
            Assert.True(types.ContainsKey(ub + cls), $"no ub:{cls} in the file");
        Assert.InRange(types[ub + "FullProfessor"], 19 * 7, 19 * 10);
        Assert.InRange(types[ub + "UndergraduateStudent"], types[ub + "GraduateStudent"] * 2, types[ub + "GraduateStudent"] * 5);
    }

    [Fact]
    public void Bsbm100FileHoldsTheExpectedClassesAndCounts()
    {
        var types = TypeCounts(new BsbmGenerator(100, seed: 0).WriteNTriples, out long triples);
        Assert.Equal(36_550, triples);
        string v = "http://www4.wiwiss.fu-berlin.de/bizer/bsbm/v01/vocabulary/";
        Assert.Equal(100, types[v + "Product"]);
        Assert.Equal(2_000, types[v + "Offer"]);   // 20 per product
        Assert.Equal(1_000, types[v + "Review"]);  // 10 per product
        Assert.InRange(types["http://xmlns.com/foaf/0.1/Person"], 40, 60); // about one reviewer per 20 reviews
        Assert.True(types[v + "ProductType"] > 1);
        Assert.True(types[v + "ProductFeature"] > 10);
        Assert.True(types[v + "Producer"] >= 2);
        Assert.True(types[v + "Vendor"] >= 1);
    }

    private static Dictionary<string, int> TypeCounts(Func<TextWriter, long> write, out long triples)
    {
        var text = new StringWriter();
        write(text);
        using var reader = RdfParser.Create(new StringReader(text.ToString()), RdfFormat.NTriples);
        var all = reader.ReadAll().ToArray();
        triples = all.Length;
        return all.Where(q => q.Predicate == RdfVocabulary.Type && q.Object is Iri)
            .GroupBy(q => ((Iri)q.Object).Value).ToDictionary(g => g.Key, g => g.Count());
    }

    private static void AssertRoundTrip(IEnumerable<Quad> generated, Func<TextWriter, long> write)
    {
        var text = new StringWriter();
        long count = write(text);
        using var reader = RdfParser.Create(new StringReader(text.ToString()), RdfFormat.NTriples);
        var read = reader.ReadAll().ToArray();
        Assert.Equal(count, read.Length);
        Assert.Equal(generated, read);
    }

    private static List<Term> ReadList(Quad[] triples, Term head)
    {
        var items = new List<Term>();
        while (head != RdfVocabulary.Nil)
        {
            var node = head;
            items.Add(triples.Single(t => t.Subject == node && t.Predicate == RdfVocabulary.First).Object);
            head = triples.Single(t => t.Subject == node && t.Predicate == RdfVocabulary.Rest).Object;
        }
        return items;
    }
}
