using System.Text.RegularExpressions;
using TripleStore.Benchmarks.Bsbm;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Benchmarks;

public class BsbmQueryTemplatesTests
{
    private static readonly Lazy<BsbmGenerator> Generator = new(() => new BsbmGenerator(200, seed: 3));

    [Fact]
    public void ThereAreTwelveExploreTemplatesWithTheirQueryForms()
    {
        Assert.Equal(12, BsbmQueryTemplates.All.Count);
        Assert.Contains("DESCRIBE ?x", BsbmQueryTemplates.Get(9).Text);
        Assert.Contains("CONSTRUCT {", BsbmQueryTemplates.Get(12).Text);
        foreach (int n in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 10, 11 })
            Assert.Contains("SELECT", BsbmQueryTemplates.Get(n).Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => BsbmQueryTemplates.Get(0));
    }

    [Fact]
    public void TemplatesDeclareTheExpectedPlaceholders()
    {
        Assert.Equal(["ProductType", "ProductFeature1", "ProductFeature2", "x"], BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(1).Text));
        Assert.Equal(["ProductXYZ"], BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(2).Text));
        Assert.Equal(["ProductType", "ProductFeature1", "ProductFeature2", "x", "ProductFeature3", "y"],
            BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(4).Text));
        Assert.Equal(["word1"], BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(6).Text));
        Assert.Equal(["ProductXYZ", "currentDate"], BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(10).Text));
        Assert.Equal(["ReviewXYZ"], BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(9).Text));
        Assert.Equal(["OfferXYZ"], BsbmQueryTemplates.Placeholders(BsbmQueryTemplates.Get(12).Text));
    }

    [Fact]
    public void SameSeedInstantiatesTheSameQueries()
    {
        var a = new BsbmParameterDrawer(Generator.Value.Catalog, 77);
        var b = new BsbmParameterDrawer(Generator.Value.Catalog, 77);
        for (int round = 0; round < 3; round++)
            for (int n = 1; n <= 12; n++)
                Assert.Equal(a.Next(n), b.Next(n));
    }

    [Fact]
    public void DifferentSeedsInstantiateDifferentQueries()
    {
        var a = new BsbmParameterDrawer(Generator.Value.Catalog, 1);
        var b = new BsbmParameterDrawer(Generator.Value.Catalog, 2);
        var textsA = Enumerable.Range(1, 12).Select(n => a.Next(n).Text).ToArray();
        var textsB = Enumerable.Range(1, 12).Select(n => b.Next(n).Text).ToArray();
        Assert.NotEqual(textsA, textsB);
    }

    [Fact]
    public void InstantiatedQueriesHaveNoPlaceholdersAndReferToExistingData()
    {
        var data = Generator.Value.Generate().ToArray();
        var subjects = data.Select(q => q.Subject.ToString()).ToHashSet();
        var labels = data.Where(q => q.Predicate == BsbmVocabulary.Label).Select(q => ((Literal)q.Object).Value).ToArray();
        var drawer = new BsbmParameterDrawer(Generator.Value.Catalog, 5);
        for (int round = 0; round < 5; round++)
        {
            for (int n = 1; n <= 12; n++)
            {
                var query = drawer.Next(n);
                Assert.Equal($"Q{n}", query.Name);
                Assert.DoesNotMatch("%[A-Za-z][A-Za-z0-9]*%", query.Text);
                foreach (Match m in Regex.Matches(query.Text, "<http://www4\\.wiwiss\\.fu-berlin\\.de/bizer/bsbm/v01/instances/[^>]+>"))
                    Assert.Contains(m.Value, subjects);
                if (n == 6)
                {
                    string word = Regex.Match(query.Text, "regex\\(\\?label, \"([^\"]+)\"\\)").Groups[1].Value;
                    Assert.Contains(labels, l => l.Contains(word, StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void DrawnTypeAndFeaturesMatchAtLeastOneProduct()
    {
        var data = Generator.Value.Generate().ToArray();
        var typed = data.Where(q => q.Predicate == RdfVocabulary.Type).ToLookup(q => q.Object.ToString(), q => q.Subject);
        var featured = data.Where(q => q.Predicate == BsbmVocabulary.ProductFeatureProperty).ToLookup(q => q.Object.ToString(), q => q.Subject);
        var drawer = new BsbmParameterDrawer(Generator.Value.Catalog, 9);
        for (int i = 0; i < 20; i++)
        {
            var values = drawer.Draw(["ProductType", "ProductFeature1", "ProductFeature2", "ProductFeature3"]);
            Assert.DoesNotContain("ProductType1>", values["ProductType"]); // never the root
            var features = new[] { values["ProductFeature1"], values["ProductFeature2"], values["ProductFeature3"] };
            Assert.Equal(3, features.Distinct().Count());
            var matches = typed[values["ProductType"]].ToHashSet();
            foreach (var f in features) matches.IntersectWith(featured[f]);
            Assert.NotEmpty(matches);
        }
        Assert.Throws<ArgumentException>(() => drawer.Draw(["NoSuchParameter"]));
    }

    [Fact]
    public void CatalogDescribesProductsExactlyAsGenerated()
    {
        var catalog = Generator.Value.Catalog;
        var data = Generator.Value.Generate().ToArray();
        foreach (int n in new[] { 1, 57, 200 })
        {
            var iri = new Iri(catalog.ProductIri(n));
            var features = data.Where(q => q.Subject == iri && q.Predicate == BsbmVocabulary.ProductFeatureProperty)
                .Select(q => ((Iri)q.Object).Value).ToArray();
            Assert.Equal(catalog.ProductFeaturesOf(n).Select(BsbmCatalog.ProductFeatureIri), features);
        }
    }
}
