using System.Globalization;
using TripleStore.Rdf;
using V = TripleStore.Benchmarks.Bsbm.BsbmVocabulary;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// Generates the Berlin SPARQL Benchmark (v3) data set: a product type hierarchy, product features,
/// producers and their products (numeric and textual properties), vendors and their offers, rating
/// sites with reviewers and reviews. The scale is the number of products; 2,785 products give about
/// one million triples. The output is a pure function of (products, seed).
/// </summary>
public sealed class BsbmGenerator
{
    private static readonly Iri Type = RdfVocabulary.Type;
    private static readonly DateOnly EarliestPublication = new(2000, 1, 1);
    private static readonly DateOnly EarliestReview = new(2005, 1, 1);
    private static readonly Iri StandardizationInstitution = new(BsbmCatalog.StandardizationInstitutionIri);
    private static readonly string[] ReviewLanguages = ["en", "en", "en", "en", "en", "en", "en", "de", "fr", "es", "ja", "zh"];

    public BsbmGenerator(int products, ulong seed = 0) : this(new BsbmCatalog(products, seed)) { }

    public BsbmGenerator(BsbmCatalog catalog) => Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    public BsbmCatalog Catalog { get; }

    /// <summary>
    /// Streams the data set as triples in the default graph. <paramref name="cancellation"/> is checked
    /// before each entity (product, offer, review, ...: tens of triples); it never changes what is generated.
    /// </summary>
    public IEnumerable<Quad> Generate(CancellationToken cancellation = default)
    {
        var c = Catalog;
        foreach (var type in c.ProductTypes)
            foreach (var q in Checked(ProductType(type))) yield return q;
        for (int f = 1; f <= c.ProductFeatureCount; f++)
            foreach (var q in Checked(ProductFeature(f))) yield return q;
        for (int p = 1; p <= c.Producers; p++)
        {
            foreach (var q in Checked(Organization(BsbmEntity.Producer, p, new Iri(BsbmCatalog.ProducerIri(p)), V.Producer, $"http://www.Producer{p}.com/")))
                yield return q;
            for (int n = c.FirstProductOf(p), end = n + c.ProductsOf(p); n < end; n++)
                foreach (var q in Checked(Product(n, p))) yield return q;
        }
        for (int v = 1; v <= c.Vendors; v++)
        {
            foreach (var q in Checked(Organization(BsbmEntity.Vendor, v, new Iri(BsbmCatalog.VendorIri(v)), V.Vendor, $"http://www.vendor{v}.com/")))
                yield return q;
            for (int o = c.FirstOfferOf(v), end = o + c.OffersOf(v); o < end; o++)
                foreach (var q in Checked(Offer(o, v))) yield return q;
        }
        for (int s = 1; s <= c.RatingSites; s++)
        {
            foreach (var q in Checked(Organization(BsbmEntity.RatingSite, s, new Iri(BsbmCatalog.RatingSiteIri(s)), V.RatingSite, $"http://www.ratingsite{s}.com/")))
                yield return q;
            for (int n = c.FirstPersonOf(s), end = n + c.PersonsOf(s); n < end; n++)
                foreach (var q in Checked(Person(n, s))) yield return q;
            for (int r = c.FirstReviewOf(s), end = r + c.ReviewsOf(s); r < end; r++)
                foreach (var q in Checked(Review(r, s))) yield return q;
        }

        // An entity's triples are generated lazily, so the check runs before any of its random draws.
        IEnumerable<Quad> Checked(IEnumerable<Quad> entity)
        {
            cancellation.ThrowIfCancellationRequested();
            return entity;
        }
    }

    /// <summary>Writes the data set as N-Triples; returns the number of triples.</summary>
    public long WriteNTriples(TextWriter output) => NTriplesOutput.Write(Generate(), output);

    private IEnumerable<Quad> ProductType(BsbmProductType type)
    {
        var rng = Catalog.StreamFor(BsbmEntity.ProductType, type.Number);
        var iri = new Iri(BsbmCatalog.ProductTypeIri(type.Number));
        yield return new Quad(iri, Type, V.ProductType);
        yield return new Quad(iri, V.Label, Literal.Simple(BsbmWords.Draw(rng)));
        yield return new Quad(iri, V.Comment, Literal.Simple(BsbmWords.Sentence(rng, rng.Between(10, 40))));
        if (type.ParentNumber is int parent)
            yield return new Quad(iri, V.SubClassOf, new Iri(BsbmCatalog.ProductTypeIri(parent)));
        yield return new Quad(iri, V.Publisher, StandardizationInstitution);
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    private IEnumerable<Quad> ProductFeature(int feature)
    {
        var rng = Catalog.StreamFor(BsbmEntity.ProductFeature, feature);
        var iri = new Iri(BsbmCatalog.ProductFeatureIri(feature));
        yield return new Quad(iri, Type, V.ProductFeature);
        yield return new Quad(iri, V.Label, Literal.Simple(BsbmWords.Sentence(rng, rng.Between(1, 2))));
        yield return new Quad(iri, V.Comment, Literal.Simple(BsbmWords.Sentence(rng, rng.Between(10, 40))));
        yield return new Quad(iri, V.Publisher, StandardizationInstitution);
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    // Producers, vendors and rating sites share one shape; each is its own publisher, as in BSBM.
    private IEnumerable<Quad> Organization(BsbmEntity kind, int number, Iri iri, Iri cls, string homepage)
    {
        var rng = Catalog.StreamFor(kind, number);
        yield return new Quad(iri, Type, cls);
        yield return new Quad(iri, V.Label, Literal.Simple(BsbmWords.Sentence(rng, rng.Between(1, 3))));
        yield return new Quad(iri, V.Comment, Literal.Simple(BsbmWords.Sentence(rng, rng.Between(10, 40))));
        yield return new Quad(iri, V.Homepage, new Iri(homepage));
        yield return new Quad(iri, V.Country, BsbmCountries.Draw(rng));
        yield return new Quad(iri, V.Publisher, iri);
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    private IEnumerable<Quad> Product(int number, int producer)
    {
        var rng = Catalog.StreamFor(BsbmEntity.Product, number);
        var iri = new Iri(Catalog.ProductIri(number));
        var producerIri = new Iri(BsbmCatalog.ProducerIri(producer));
        var leaf = Catalog.LeafTypeOf(number);
        var basics = Catalog.DrawProductBasics(number, rng);

        yield return new Quad(iri, Type, V.Product);
        // Typed with the whole chain of product types, so queries need no subclass inference.
        foreach (var t in Catalog.TypeAndAncestors(leaf))
            yield return new Quad(iri, Type, new Iri(BsbmCatalog.ProductTypeIri(t.Number)));
        yield return new Quad(iri, V.Label, Literal.Simple(basics.Label));
        yield return new Quad(iri, V.Comment, Literal.Simple(basics.Comment));
        yield return new Quad(iri, V.ProducerProperty, producerIri);
        foreach (int feature in basics.Features)
            yield return new Quad(iri, V.ProductFeatureProperty, new Iri(BsbmCatalog.ProductFeatureIri(feature)));

        // Properties 1–3 are always present; 4 and 5 usually, 6 in half the products.
        for (int p = 1; p <= 6; p++)
        {
            if (!HasOptionalProperty(rng, p)) continue;
            yield return new Quad(iri, V.ProductPropertyTextual(p), Literal.Simple(BsbmWords.Sentence(rng, rng.Between(3, 15))));
        }
        for (int p = 1; p <= 6; p++)
        {
            if (!HasOptionalProperty(rng, p)) continue;
            yield return new Quad(iri, V.ProductPropertyNumeric(p), IntegerLiteral(rng.Between(1, 2000)));
        }
        yield return new Quad(iri, V.Publisher, producerIri);
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    private IEnumerable<Quad> Offer(int number, int vendor)
    {
        var rng = Catalog.StreamFor(BsbmEntity.Offer, number);
        var iri = new Iri(Catalog.OfferIri(number));
        var vendorIri = new Iri(BsbmCatalog.VendorIri(vendor));
        int product = rng.Between(1, Catalog.Products);
        decimal price = rng.Between(500, 1_000_000) / 100m;
        var validFrom = BsbmCatalog.CurrentDate.AddDays(-rng.Between(0, 365));
        var validTo = validFrom.AddDays(rng.Between(30, 400));

        yield return new Quad(iri, Type, V.Offer);
        yield return new Quad(iri, V.ProductProperty, new Iri(Catalog.ProductIri(product)));
        yield return new Quad(iri, V.VendorProperty, vendorIri);
        yield return new Quad(iri, V.Price, Literal.Typed(price.ToString("0.00", CultureInfo.InvariantCulture), V.Usd));
        yield return new Quad(iri, V.ValidFrom, DateTimeLiteral(validFrom));
        yield return new Quad(iri, V.ValidTo, DateTimeLiteral(validTo));
        yield return new Quad(iri, V.DeliveryDays, IntegerLiteral(rng.Between(1, 21)));
        yield return new Quad(iri, V.OfferWebpage, new Iri($"http://www.vendor{vendor}.com/offers/Offer{number}/"));
        yield return new Quad(iri, V.Publisher, vendorIri);
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    private IEnumerable<Quad> Person(int number, int site)
    {
        var rng = Catalog.StreamFor(BsbmEntity.Person, number);
        var iri = new Iri(Catalog.PersonIri(number));
        yield return new Quad(iri, Type, V.Person);
        yield return new Quad(iri, V.PersonName, Literal.Simple(BsbmWords.Draw(rng)));
        yield return new Quad(iri, V.MboxSha1Sum, Literal.Simple($"{rng.NextUInt64():x16}{rng.NextUInt64():x16}{(uint)rng.NextUInt64():x8}"));
        yield return new Quad(iri, V.Country, BsbmCountries.Draw(rng));
        yield return new Quad(iri, V.Publisher, new Iri(BsbmCatalog.RatingSiteIri(site)));
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    private IEnumerable<Quad> Review(int number, int site)
    {
        var rng = Catalog.StreamFor(BsbmEntity.Review, number);
        var iri = new Iri(Catalog.ReviewIri(number));
        int product = rng.Between(1, Catalog.Products);
        int person = Catalog.FirstPersonOf(site) + rng.Next(Catalog.PersonsOf(site));
        var reviewDate = EarliestReview.AddDays(rng.Next(BsbmCatalog.CurrentDate.DayNumber - EarliestReview.DayNumber));

        yield return new Quad(iri, Type, V.Review);
        yield return new Quad(iri, V.ReviewFor, new Iri(Catalog.ProductIri(product)));
        yield return new Quad(iri, V.Reviewer, new Iri(Catalog.PersonIri(person)));
        yield return new Quad(iri, V.ReviewDate, DateTimeLiteral(reviewDate));
        yield return new Quad(iri, V.Title, Literal.Simple(BsbmWords.Sentence(rng, rng.Between(4, 12))));
        string language = ReviewLanguages[rng.Next(ReviewLanguages.Length)];
        yield return new Quad(iri, V.Text, Literal.LangString(BsbmWords.Sentence(rng, rng.Between(50, 200)), language));
        // Each rating is missing from about one review in ten.
        for (int r = 1; r <= 4; r++)
        {
            if (rng.OneIn(10)) continue;
            yield return new Quad(iri, V.Rating(r), IntegerLiteral(rng.Between(1, 10)));
        }
        yield return new Quad(iri, V.Publisher, new Iri(BsbmCatalog.RatingSiteIri(site)));
        yield return new Quad(iri, V.Date, DateLiteral(PublicationDate(rng)));
    }

    private static bool HasOptionalProperty(DeterministicRandom rng, int property) => property switch
    {
        <= 3 => true,
        <= 5 => !rng.OneIn(4),
        _ => rng.OneIn(2),
    };

    private static DateOnly PublicationDate(DeterministicRandom rng) =>
        EarliestPublication.AddDays(rng.Next(BsbmCatalog.CurrentDate.DayNumber - EarliestPublication.DayNumber + 1));

    private static Literal IntegerLiteral(int value) => Literal.Typed(value.ToString(CultureInfo.InvariantCulture), Xsd.Integer);

    private static Literal DateLiteral(DateOnly date) => Literal.Typed(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Xsd.Date);

    private static Literal DateTimeLiteral(DateOnly date) =>
        Literal.Typed(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00", Xsd.DateTime);
}
