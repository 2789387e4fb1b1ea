using System.Globalization;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// The seed choice of a filtered BGP costs each alternative plan from the store's estimates; a pattern's
/// step is read from the store once per choice, not again for every pick and every alternative.
/// </summary>
public class SeedChoiceCostingTests
{
    private static readonly Iri Label = new("http://www.w3.org/2000/01/rdf-schema#label");

    /// <summary>n products of type :T with a label, feature :f(i mod 10), :n1 = i and :n3 = (i * 7) mod n.</summary>
    private static InMemoryDataset Products(int n)
    {
        var ds = new InMemoryDataset();
        for (int i = 0; i < n; i++)
        {
            var p = Ex("p" + i.ToString(CultureInfo.InvariantCulture));
            ds.Add(new Quad(p, RdfVocabulary.Type, Ex("T")));
            ds.Add(new Quad(p, Label, Literal.Simple("product " + i.ToString(CultureInfo.InvariantCulture))));
            ds.Add(new Quad(p, Ex("feature"), Ex("f" + (i % 10).ToString(CultureInfo.InvariantCulture))));
            ds.Add(new Quad(p, Ex("n1"), Literal.Typed(i.ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
            ds.Add(new Quad(p, Ex("n3"), Literal.Typed((i * 7 % n).ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
        }
        return ds;
    }

    // The shape of BSBM Q3: a type, one feature, two numeric ranges and the label.
    private const string Query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?p ?l WHERE { ?p rdfs:label ?l . ?p a :T . "
        + "?p :feature :f1 . ?p :n1 ?a FILTER(?a > 50) ?p :n3 ?b FILTER(?b < 150) }";

    [Fact]
    public void TheFeaturesProductsAreEnumeratedOncePerPatternJoinedOnThem()
    {
        var source = new RecordingQuadSource(Products(200));
        var rows = Select(source, Query);
        var expected = Enumerable.Range(0, 200).Where(i => i % 10 == 1 && i > 50 && i * 7 % 200 < 150)
            .Select(i => "<http://example.org/p" + i.ToString(CultureInfo.InvariantCulture) + ">").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => r["p"]!).Order(StringComparer.Ordinal));
        Assert.Contains("SeedChoice", SparqlEngine.Explain(SparqlQuery.Parse(Prefixes + Query), Products(200)).ToString());
        // The costing enumerates the feature's 20 products once to size the three patterns joined on ?p
        // (label, :n1, :n3), plus the evaluation's own scan of the feature. Costing every pick of every
        // alternative plan afresh read them again for each.
        int featureReads = source.Calls.Count(c => c.Subject is null && c.Predicate == Ex("feature") && c.Object == Ex("f1"));
        Assert.InRange(featureReads, 1, 2);
    }

    [Fact]
    public void OnlyASampleOfTheFeaturesProductsIsCounted()
    {
        // :f1 has 64 products; each of the three patterns joined on ?p is sized from 16 of them, evenly
        // spaced, not from all 64 (a count is a read of its own on a store).
        var data = Products(640);
        var source = new RecordingQuadSource(data);
        var rows = Select(source, Query);
        var expected = Enumerable.Range(0, 640).Where(i => i % 10 == 1 && i > 50 && i * 7 % 640 < 150)
            .Select(i => "<http://example.org/p" + i.ToString(CultureInfo.InvariantCulture) + ">").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => r["p"]!).Order(StringComparer.Ordinal));
        foreach (var predicate in new Term[] { Label, Ex("n1"), Ex("n3") })
            Assert.Equal(16, source.Counts.Count(c => c.Subject is not null && c.Predicate == predicate && c.Object is null));
        // The sample spans the products, not only the first 16 the feature yields.
        var counted = source.Counts.Where(c => c.Subject is not null && c.Predicate == Label).Select(c => c.Subject!).ToHashSet();
        var firstSixteen = data.Match(null, Ex("feature"), Ex("f1"), GraphSelector.Default).Take(16).Select(q => q.Subject).ToHashSet();
        Assert.Equal(16, counted.Count);
        Assert.False(counted.SetEquals(firstSixteen));
    }

    [Fact]
    public void RememberingStepsChangesNoAnswer()
    {
        // Every feature, with and without the filters that make the BGP a seed choice, gives the same rows.
        var ds = Products(120);
        for (int f = 0; f < 10; f++)
        {
            string feature = ":f" + f.ToString(CultureInfo.InvariantCulture);
            var filtered = Select(ds, "SELECT ?p WHERE { ?p a :T . ?p :feature " + feature + " . ?p :n1 ?a FILTER(?a > 30) ?p :n3 ?b FILTER(?b < 90) }")
                .Select(r => r["p"]!).Order(StringComparer.Ordinal).ToList();
            var byHand = Select(ds, "SELECT ?p ?a ?b WHERE { ?p a :T . ?p :feature " + feature + " . ?p :n1 ?a . ?p :n3 ?b }")
                .Where(r => Number(r["a"]) > 30 && Number(r["b"]) < 90).Select(r => r["p"]!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(byHand, filtered);
        }
    }

    private static int Number(string? lexical) =>
        int.Parse(lexical!.Split('"')[1], CultureInfo.InvariantCulture);

    /// <summary>Records each lookup's pattern.</summary>
    private sealed class RecordingQuadSource(IQuadSource inner) : IQuadSource
    {
        public List<(Term? Subject, Term? Predicate, Term? Object)> Calls { get; } = [];

        public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
        {
            Calls.Add((subject, predicate, @object));
            return inner.Match(subject, predicate, @object, graph);
        }

        public IEnumerable<Term> NamedGraphs() => inner.NamedGraphs();

        public List<(Term? Subject, Term? Predicate, Term? Object)> Counts { get; } = [];

        public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
        {
            Counts.Add((subject, predicate, @object));
            return inner.EstimateCount(subject, predicate, @object, graph);
        }
    }
}
