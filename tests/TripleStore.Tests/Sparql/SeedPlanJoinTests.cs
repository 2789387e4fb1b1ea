using System.Globalization;
using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using Xunit;
using static TripleStore.Tests.Sparql.SparqlTestData;

namespace TripleStore.Tests.Sparql;

/// <summary>
/// A seed plan (scan the filtered pattern first) runs as one id join over all the BGP's patterns, the
/// scanned ones leading: checked against answers computed by hand on random data, in the shape of
/// "products similar to a given one" (shared feature, two numeric bands, ordered labels, a limit).
/// </summary>
public class SeedPlanJoinTests
{
    private static readonly Iri Label = new("http://www.w3.org/2000/01/rdf-schema#label");

    private sealed record Product(int Id, string Label, int V1, int V2, int[] Features);

    private static (InMemoryDataset Data, List<Product> Products) Random(int seed, int n, int features)
    {
        var random = new Random(seed);
        var ds = new InMemoryDataset();
        var products = new List<Product>();
        for (int i = 0; i < n; i++)
        {
            // Labels repeat now and then, so DISTINCT and the order by label meet ties.
            var label = "label" + random.Next(n).ToString(CultureInfo.InvariantCulture);
            var own = Enumerable.Range(0, features).Where(_ => random.Next(4) == 0).DefaultIfEmpty(random.Next(features)).Distinct().ToArray();
            var p = new Product(i, label, random.Next(1000), random.Next(1000), own);
            products.Add(p);
            var iri = Ex("p" + i.ToString(CultureInfo.InvariantCulture));
            ds.Add(new Quad(iri, RdfVocabulary.Type, Ex("Product")));
            ds.Add(new Quad(iri, Label, Literal.Simple(label)));
            ds.Add(new Quad(iri, Ex("v1"), Literal.Typed(p.V1.ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
            ds.Add(new Quad(iri, Ex("v2"), Literal.Typed(p.V2.ToString(CultureInfo.InvariantCulture), Xsd.Integer)));
            foreach (int f in own) ds.Add(new Quad(iri, Ex("f"), Ex("feature" + f.ToString(CultureInfo.InvariantCulture))));
        }
        return (ds, products);
    }

    private static string Similar(int given, string tail) =>
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?p ?l WHERE { ?p rdfs:label ?l . "
        + $"FILTER(:p{given} != ?p) :p{given} :f ?f . ?p :f ?f . :p{given} :v1 ?o1 . ?p :v1 ?a . "
        + "FILTER(?a < (?o1 + 120) && ?a > (?o1 - 120)) "
        + $":p{given} :v2 ?o2 . ?p :v2 ?b . FILTER(?b < (?o2 + 170) && ?b > (?o2 - 170)) }} " + tail;

    private static List<(string P, string L)> Expected(List<Product> products, int given) =>
        products.Where(p => p.Id != given && p.Features.Intersect(products[given].Features).Any()
                && Math.Abs(p.V1 - products[given].V1) < 120 && Math.Abs(p.V2 - products[given].V2) < 170)
            .Select(p => ("<http://example.org/p" + p.Id.ToString(CultureInfo.InvariantCulture) + ">", "\"" + p.Label + "\""))
            .ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void SimilarProductsMatchAnEvaluationByHand(int seed)
    {
        var (data, products) = Random(seed, 600, 12);
        var random = new Random(seed * 31);
        for (int round = 0; round < 4; round++)
        {
            int given = random.Next(products.Count);
            var expected = Expected(products, given);
            var all = Select(data, Similar(given, ""));
            Assert.Equal(expected.Select(e => e.P + " " + e.L).Order(StringComparer.Ordinal),
                all.Select(r => r["p"] + " " + r["l"]).Order(StringComparer.Ordinal));
            // The top five by label: labels tie, so compare the labels and that each row is a right answer.
            var top = Select(data, Similar(given, "ORDER BY ?l LIMIT 5"));
            var labels = expected.Select(e => e.L[1..^1]).Order(StringComparer.Ordinal).Take(5).ToList();
            Assert.Equal(labels, top.Select(r => r["l"]![1..^1]).ToList());
            Assert.All(top, r => Assert.Contains((r["p"]!, r["l"]!), expected));
        }
    }

    [Fact]
    public void TheSeedPlanIsOneJoinLedByTheScan()
    {
        // Few features, each shared by hundreds of products: walking the given product's features is dear.
        var (data, products) = Random(7, 1_500, 3);
        int given = 17;
        var text = Prefixes + Similar(given, "ORDER BY ?l LIMIT 5");
        var plan = SparqlEngine.Explain(SparqlQuery.Parse(text), data).ToString();
        Assert.True(plan.Contains("SeedChoice scan for ?", StringComparison.Ordinal), plan);
        // The seed plan has no joins of its own: one BGP whose order starts with the scanned pattern and
        // the given product's two values (patterns 1-3), the range scan among them.
        Assert.DoesNotContain("NestedLoopJoin", plan);
        Assert.DoesNotContain("HashJoin", plan);
        var chosen = plan.Split('\n').Single(l => l.Contains("[join order:", StringComparison.Ordinal));
        var order = chosen[(chosen.IndexOf("[join order: ", StringComparison.Ordinal) + 13)..].Split(']')[0].Split(", ");
        Assert.All(order.Take(3), step => Assert.Matches("^(range\\()?[123]\\)?$", step));
        var expected = Expected(products, given).Select(e => e.L[1..^1]).Order(StringComparer.Ordinal).Take(5).ToList();
        Assert.Equal(expected, Select(data, Similar(given, "ORDER BY ?l LIMIT 5")).Select(r => r["l"]![1..^1]).ToList());
    }

    [Fact]
    public void RegexSeedAgreesWithTheTypeFirstOrder()
    {
        var (data, products) = Random(11, 800, 4);
        // Other labelled things that are not products, so the scan must check the type.
        for (int i = 0; i < 400; i++)
            data.Add(new Quad(Ex("o" + i.ToString(CultureInfo.InvariantCulture)), Label, Literal.Simple("label" + i.ToString(CultureInfo.InvariantCulture))));
        const string query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?p ?l WHERE { ?p rdfs:label ?l . ?p a :Product FILTER regex(?l, \"l12\") }";
        var expected = products.Where(p => p.Label.Contains("l12", StringComparison.Ordinal))
            .Select(p => "<http://example.org/p" + p.Id.ToString(CultureInfo.InvariantCulture) + "> \"" + p.Label + "\"").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Select(data, query).Select(r => r["p"] + " " + r["l"]).Order(StringComparer.Ordinal));
        Assert.Contains("SeedChoice scan for ?l first", SparqlEngine.Explain(SparqlQuery.Parse(Prefixes + query), data).ToString());
    }
}
