using System.Globalization;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A BGP step <c>?x :num2 ?v</c> that runs after <c>?x</c> is bound, under a numeric band on <c>?v</c>, may be
/// hashed on <c>?x</c> from the range scan of the band instead of one index probe per row (BSBM Q5's second
/// numeric property). The answers must equal those of plain evaluation (an in-memory dataset, whose ids have
/// no order, so it never scans ranges) on numbers of several types and forms, including bounds that change
/// from row to row (the table then answers only the seeks with the ranges it was built from).
/// </summary>
public class BandedHashStepTests
{
    private const string Prefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
    private static Iri I(string local) => new("http://example.org/" + local);

    private static List<Quad> Data(int seed, int products)
    {
        var random = new Random(seed);
        var quads = new List<Quad>();
        string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        Literal Number(int v) => random.Next(12) switch
        {
            0 => Literal.Typed(F(v + 0.5), Xsd.Double),
            1 => Literal.Typed((v / 1m + 0.25m).ToString(CultureInfo.InvariantCulture), Xsd.Decimal),
            2 => Literal.Typed("+" + v.ToString(CultureInfo.InvariantCulture), Xsd.Integer),   // not canonical: hashed id
            3 => Literal.Simple(v.ToString(CultureInfo.InvariantCulture)),                    // a string: never in a band
            4 => Literal.Typed(v.ToString(CultureInfo.InvariantCulture), Xsd.Short),
            _ => Literal.Typed(v.ToString(CultureInfo.InvariantCulture), Xsd.Integer),
        };
        for (int i = 0; i < products; i++)
        {
            var p = I("p" + i);
            quads.Add(new Quad(p, I("label"), Literal.Simple("product " + i)));
            quads.Add(new Quad(p, I("num1"), Literal.Typed(random.Next(0, 1000).ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
            // Some products lack the second number, some have two.
            if (i % 17 != 0) quads.Add(new Quad(p, I("num2"), Number(random.Next(0, 1400))));
            if (i % 23 == 0) quads.Add(new Quad(p, I("num2"), Number(random.Next(0, 1400))));
            foreach (int f in new[] { random.Next(30), random.Next(30) }.Distinct()) quads.Add(new Quad(p, I("feature"), I("f" + f)));
            quads.Add(new Quad(p, I("ref"), I("r" + (i % 9))));
        }
        for (int r = 0; r < 9; r++) quads.Add(new Quad(I("r" + r), I("center"), Literal.Typed((r * 150).ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
        return quads;
    }

    private static string Similar(string given) =>
        $"SELECT DISTINCT ?x ?l WHERE {{ ?x :label ?l . FILTER({given} != ?x) {given} :feature ?f . ?x :feature ?f . " +
        $"{given} :num1 ?o1 . ?x :num1 ?s1 . FILTER(?s1 < (?o1 + 300) && ?s1 > (?o1 - 300)) " +
        $"{given} :num2 ?o2 . ?x :num2 ?s2 . FILTER(?s2 < (?o2 + 170) && ?s2 > (?o2 - 170)) }}";

    public static TheoryData<string> Queries() => new()
    {
        Similar(":p3"),
        Similar(":p40"),
        // A one-sided band, and a band whose bounds mix types.
        "SELECT ?x ?v { :p5 :num1 ?o . ?x :num1 ?w . FILTER(?w > ?o - 200 && ?w < ?o + 200) ?x :num2 ?v . FILTER(?v > ?o) }",
        "SELECT ?x ?v { :p6 :num1 ?o . ?x :num1 ?w . FILTER(?w > ?o - 200 && ?w < ?o + 200) ?x :num2 ?v . FILTER(?v >= (?o * 1.5e0) && ?v <= (?o + 100.5)) }",
        // Bounds that change from row to row: each product's own reference value.
        "SELECT ?x ?v ?c { ?x :num1 ?w . FILTER(?w < 700) ?x :ref ?r . ?r :center ?c . ?x :num2 ?v . FILTER(?v > ?c - 80 && ?v < ?c + 80) }",
        "SELECT (COUNT(*) AS ?n) { :p7 :num2 ?o . ?x :num1 ?w . FILTER(?w > 100 && ?w < 900) ?x :num2 ?v . FILTER(?v < ?o + 50 && ?v > ?o - 50) }",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Banded_hash_steps_give_the_answers_of_plain_evaluation(string query)
    {
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var data = Data(seed, 1_500);
            using var folder = new TempFolder();
            using var store = RdfStore.Open(folder.Path);
            store.AddRange(data);

            var expected = SparqlTestData.Rows(new InMemoryDataset(data), Prefixes + query);
            using var snapshot = store.OpenSnapshot();
            Assert.Equal(expected, SparqlTestData.Rows(snapshot, Prefixes + query));
            // And with the switch out of reach, so every step probes the index.
            var probing = new QueryOptions { UseResultCache = false, HashCheckMinProbes = 1_000_000, HashJoinMinProbes = 1_000_000 };
            Assert.Equal(expected, SparqlTestData.Rows(snapshot, Prefixes + query, probing));
        }
    }

    [Fact]
    public void The_similar_products_plan_hashes_the_second_band_and_explain_shows_it()
    {
        var data = Data(4, 1_500);
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(data);

        var plan = store.Explain(Prefixes + Similar(":p3"), new QueryOptions { UseResultCache = false });
        var details = Details(plan).ToList();
        Assert.Contains(details, d => d.Contains("hash(range(", StringComparison.Ordinal));
        using var snapshot = store.OpenSnapshot();
        Assert.Equal(SparqlTestData.Rows(new InMemoryDataset(data), Prefixes + Similar(":p3")),
            SparqlTestData.Rows(snapshot, Prefixes + Similar(":p3")));
    }

    [Fact]
    public void A_hashed_band_sees_updates()
    {
        using var folder = new TempFolder();
        using var store = RdfStore.Open(folder.Path);
        store.AddRange(Data(5, 1_000));
        string query = Prefixes + Similar(":p3");
        int before = Count(store, query);

        // A product like :p3 in every respect: the same features and numbers.
        var like = new List<Quad> { new(I("twin"), I("label"), Literal.Simple("twin")) };
        using (var snapshot = store.OpenSnapshot())
            foreach (var q in snapshot.Match(I("p3"), null, null, GraphSelector.Default))
                if (q.Predicate.Value is "http://example.org/feature" or "http://example.org/num1" or "http://example.org/num2")
                    like.Add(new Quad(I("twin"), q.Predicate, q.Object));
        store.AddRange(like);
        Assert.Equal(before + 1, Count(store, query));
        foreach (var q in like.Where(q => q.Predicate.Value == "http://example.org/num2")) store.Remove(q);
        Assert.Equal(before, Count(store, query));
    }

    private static int Count(RdfStore store, string query)
    {
        using var snapshot = store.OpenSnapshot();
        return SparqlTestData.Rows(snapshot, query).Count;
    }

    private static IEnumerable<string> Details(QueryPlan plan) =>
        new[] { plan.Detail ?? "" }.Concat(plan.Children.SelectMany(Details));
}
