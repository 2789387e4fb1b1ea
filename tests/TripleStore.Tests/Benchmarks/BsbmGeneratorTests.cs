using System.Security.Cryptography;
using TripleStore.Benchmarks.Bsbm;
using TripleStore.Rdf;
using Xunit;
using V = TripleStore.Benchmarks.Bsbm.BsbmVocabulary;

namespace TripleStore.Tests.Benchmarks;

public class BsbmGeneratorTests
{
    private const int Products = 300;
    private static readonly Lazy<BsbmGenerator> Generator = new(() => new BsbmGenerator(Products, seed: 0));
    private static readonly Lazy<Quad[]> Data = new(() => Generator.Value.Generate().ToArray());

    [Fact]
    public void SameProductsAndSeedGiveByteIdenticalOutput()
    {
        Assert.Equal(Hash(new BsbmGenerator(120, 4)), Hash(new BsbmGenerator(120, 4)));
    }

    [Fact]
    public void Bsbm300IsByteIdenticalToTheRecordedOutputWithOrWithoutACancellationToken()
    {
        // SHA-256 of the N-Triples of BSBM(300), seed 0, as generated before cancellation checks were added.
        const string Recorded = "20FC667373858F532667AF2AA9D6C7CF2F6AFBF3F87081A6E4DB8656BD4ACB09";
        using var live = new CancellationTokenSource();
        Assert.Equal(Recorded, Hash(Generator.Value));
        Assert.Equal(Recorded, LubmGeneratorTests.HashOf(Generator.Value.Generate(live.Token)));
    }

    [Fact]
    public void CancelingStopsGenerationWithinAnEntity()
    {
        using var stop = new CancellationTokenSource();
        const int CancelAfter = 5_000;
        long produced = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in Generator.Value.Generate(stop.Token))
                if (++produced == CancelAfter) stop.Cancel();
        });

        // One entity (a product, offer, review, ...) is well under 100 triples.
        Assert.InRange(produced, CancelAfter, CancelAfter + 100);
    }

    [Fact]
    public void DifferentSeedGivesDifferentOutput()
    {
        Assert.NotEqual(Hash(new BsbmGenerator(120, 4)), Hash(new BsbmGenerator(120, 5)));
    }

    [Fact]
    public void CountsPerClassFollowTheCatalog()
    {
        var catalog = Generator.Value.Catalog;
        Assert.Equal(Products, CountOfType(V.Product));
        Assert.Equal(Products * 20, CountOfType(V.Offer));
        Assert.Equal(Products * 10, CountOfType(V.Review));
        Assert.Equal(catalog.ProductTypes.Count, CountOfType(V.ProductType));
        Assert.Equal(catalog.ProductFeatureCount, CountOfType(V.ProductFeature));
        Assert.Equal(catalog.Producers, CountOfType(V.Producer));
        Assert.Equal(catalog.Vendors, CountOfType(V.Vendor));
        Assert.Equal(catalog.RatingSites, CountOfType(V.RatingSite));
        Assert.Equal(catalog.Persons, CountOfType(V.Person));
        Assert.InRange(catalog.Producers, Products / 75, Products / 25 + 1);
        Assert.InRange(catalog.Persons, Products * 10 / 20 - catalog.RatingSites, Products * 10 / 20 + catalog.RatingSites);
    }

    [Fact]
    public void TriplesPerProductMatchBsbmScale()
    {
        // BSBM: 2,785 products ≈ 1M triples, i.e. ~360 triples per product with its offers and reviews.
        double perProduct = Data.Value.Length / (double)Products;
        Assert.InRange(perProduct, 300, 420);
        Assert.Equal(Data.Value.Length, Data.Value.Distinct().Count());
    }

    [Fact]
    public void EveryLineIsStrictNTriples()
    {
        var text = new StringWriter();
        long count = new BsbmGenerator(40, 1).WriteNTriples(text);
        var lines = text.ToString().Split('\n');
        Assert.Equal(count, lines.Length - 1);
        foreach (var line in lines[..^1])
            Assert.True(NTriplesLineSyntax.IsValid(line), $"Not a valid N-Triples line: {line}");
    }

    [Fact]
    public void ProductsCarryTheirTypeChainFeaturesAndProperties()
    {
        var catalog = Generator.Value.Catalog;
        var bySubject = Data.Value.ToLookup(q => q.Subject);
        for (int n = 1; n <= Products; n++)
        {
            var product = bySubject[new Iri(catalog.ProductIri(n))].ToArray();
            var types = product.Where(q => q.Predicate == RdfVocabulary.Type).Select(q => ((Iri)q.Object).Value).ToHashSet();
            var expectedTypes = catalog.TypeAndAncestors(catalog.LeafTypeOf(n)).Select(t => BsbmCatalog.ProductTypeIri(t.Number));
            Assert.Superset(expectedTypes.Append(V.Product.Value).ToHashSet(), types);
            Assert.Subset(expectedTypes.Append(V.Product.Value).ToHashSet(), types);

            var pool = catalog.FeaturePool(catalog.LeafTypeOf(n)).Select(BsbmCatalog.ProductFeatureIri).ToHashSet();
            var features = product.Where(q => q.Predicate == V.ProductFeatureProperty).Select(q => ((Iri)q.Object).Value).ToArray();
            Assert.InRange(features.Length, 9, 22);
            Assert.All(features, f => Assert.Contains(f, pool));

            for (int p = 1; p <= 3; p++)
            {
                Assert.Single(product, q => q.Predicate == V.ProductPropertyTextual(p));
                var numeric = Assert.Single(product, q => q.Predicate == V.ProductPropertyNumeric(p));
                var literal = (Literal)numeric.Object;
                Assert.Equal(Xsd.Integer, literal.Datatype);
                Assert.InRange(int.Parse(literal.Value), 1, 2000);
            }
            Assert.Equal(BsbmCatalog.ProducerIri(catalog.ProducerOf(n)),
                ((Iri)Assert.Single(product, q => q.Predicate == V.ProducerProperty).Object).Value);
            Assert.Equal(catalog.ProductLabel(n), ((Literal)Assert.Single(product, q => q.Predicate == V.Label).Object).Value);
        }
    }

    [Fact]
    public void OffersAndReviewsPointToExistingEntities()
    {
        var catalog = Generator.Value.Catalog;
        var subjects = Data.Value.Select(q => q.Subject).ToHashSet();
        var offerLinks = Data.Value.Where(q => q.Predicate == V.ProductProperty || q.Predicate == V.VendorProperty).ToArray();
        Assert.Equal(2 * catalog.Offers, offerLinks.Length);
        Assert.All(offerLinks, q => Assert.Contains(q.Object, subjects));

        var reviewLinks = Data.Value.Where(q => q.Predicate == V.ReviewFor || q.Predicate == V.Reviewer).ToArray();
        Assert.Equal(2 * catalog.Reviews, reviewLinks.Length);
        Assert.All(reviewLinks, q => Assert.Contains(q.Object, subjects));

        var ratings = Data.Value.Where(q => Enumerable.Range(1, 4).Any(r => q.Predicate == V.Rating(r))).ToArray();
        Assert.InRange(ratings.Length, catalog.Reviews * 4 * 8 / 10, catalog.Reviews * 4);
        Assert.All(ratings, q => Assert.InRange(int.Parse(((Literal)q.Object).Value), 1, 10));

        var prices = Data.Value.Where(q => q.Predicate == V.Price).Select(q => (Literal)q.Object).ToArray();
        Assert.All(prices, p => Assert.Equal(V.Usd, p.Datatype));
        Assert.All(Data.Value.Where(q => q.Predicate == V.DeliveryDays), q => Assert.InRange(int.Parse(((Literal)q.Object).Value), 1, 21));
    }

    [Fact]
    public void GermanAndAmericanVendorsOfferProducts()
    {
        var vendors = Data.Value.Where(q => q.Predicate == V.Country && q.Subject is Iri s && s.Value.Contains("/Vendor", StringComparison.Ordinal))
            .Select(q => ((Iri)q.Object).Value).ToArray();
        Assert.Equal(Generator.Value.Catalog.Vendors, vendors.Length);
        // Q7 and Q10 need German and American vendors; with 6,000 offers there are several vendors.
        Assert.True(Generator.Value.Catalog.Vendors >= 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void TinyScalesStillGiveAConsistentDataSet(int products)
    {
        var generator = new BsbmGenerator(products, seed: 2);
        var quads = generator.Generate().ToArray();
        var catalog = generator.Catalog;
        Assert.Equal(products, quads.Count(q => q.Predicate == RdfVocabulary.Type && q.Object == V.Product));
        Assert.Equal(catalog.Offers, quads.Count(q => q.Predicate == RdfVocabulary.Type && q.Object == V.Offer));
        Assert.Equal(catalog.Persons, quads.Count(q => q.Predicate == RdfVocabulary.Type && q.Object == V.Person));
        Assert.True(catalog.ProductTypes.Count >= 3);
        Assert.Equal(1, catalog.Vendors);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BsbmGenerator(0));
    }

    private static int CountOfType(Iri cls) => Data.Value.Count(q => q.Predicate == RdfVocabulary.Type && q.Object == cls);

    private static string Hash(BsbmGenerator generator)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var writer = new LubmGeneratorTests.HashingWriter(sha);
        generator.WriteNTriples(writer);
        writer.Flush();
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
