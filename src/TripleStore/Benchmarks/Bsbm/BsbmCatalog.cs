using System.Globalization;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// The skeleton of a BSBM data set, computed from (products, seed) alone: the product type hierarchy
/// and its features, which producer makes which product, which vendor publishes which offer, which
/// rating site holds which reviewers and reviews. The generator fills in the details; the query
/// parameter drawer uses the catalog to pick IRIs and features that exist, without generating the data.
/// Entities are numbered from 1, as in BSBM IRIs.
/// </summary>
public sealed class BsbmCatalog
{
    /// <summary>Offers per product and reviews per product, as in BSBM.</summary>
    public const int OffersPerProduct = 20;
    public const int ReviewsPerProduct = 10;

    /// <summary>The benchmark's "today": offers are valid around it; the %currentDate% parameter.</summary>
    public static readonly DateOnly CurrentDate = new(2008, 6, 20);

    private readonly int[] _productLeafType;        // product n → index into ProductTypes
    private readonly int[] _producerFirstProduct;   // producer p (1-based; [0] unused) → first product; last entry = products + 1
    private readonly int[] _vendorFirstOffer;
    private readonly int[] _siteFirstReview;
    private readonly int[] _siteFirstPerson;
    private readonly List<int> _leafTypes = [];

    public BsbmCatalog(int products, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(products);
        Products = products;
        Seed = seed;
        var rng = DeterministicRandom.ForStream(seed, 0);

        ProductTypes = BuildTypeHierarchy(rng, products, out int features);
        ProductFeatureCount = features;
        var parents = ProductTypes.Where(t => t.ParentNumber is not null).Select(t => t.ParentNumber!.Value).ToHashSet();
        for (int t = 0; t < ProductTypes.Count; t++)
            if (!parents.Contains(ProductTypes[t].Number)) _leafTypes.Add(t);

        _productLeafType = new int[products + 1];
        for (int n = 1; n <= products; n++) _productLeafType[n] = _leafTypes[rng.Next(_leafTypes.Count)];

        // About 50 products per producer, 2,000 offers per vendor, 2,000 reviews per rating site and
        // 20 reviews per reviewer: the BSBM ratios, which give ~1M triples for 2,785 products.
        _producerFirstProduct = Partition(rng, products, 25, 75);
        _vendorFirstOffer = Partition(rng, products * OffersPerProduct, 1000, 3000);
        _siteFirstReview = Partition(rng, products * ReviewsPerProduct, 1000, 3000);
        _siteFirstPerson = new int[_siteFirstReview.Length];
        _siteFirstPerson[1] = 1;
        for (int s = 1; s < _siteFirstReview.Length - 1; s++)
        {
            int reviews = _siteFirstReview[s + 1] - _siteFirstReview[s];
            _siteFirstPerson[s + 1] = _siteFirstPerson[s] + Math.Max(1, reviews / 20);
        }
    }

    public int Products { get; }
    public ulong Seed { get; }

    /// <summary>The hierarchy in breadth-first order; index i holds ProductType{i+1}.</summary>
    public IReadOnlyList<BsbmProductType> ProductTypes { get; }

    public int ProductFeatureCount { get; }
    public int Producers => _producerFirstProduct.Length - 2;
    public int Vendors => _vendorFirstOffer.Length - 2;
    public int Offers => Products * OffersPerProduct;
    public int RatingSites => _siteFirstReview.Length - 2;
    public int Reviews => Products * ReviewsPerProduct;
    public int Persons => _siteFirstPerson[^1] - 1;

    /// <summary>The leaf product type a product belongs to (it is also an instance of all the leaf's ancestors).</summary>
    public BsbmProductType LeafTypeOf(int product) => ProductTypes[_productLeafType[CheckRange(product, Products, "product")]];

    /// <summary>The type and its ancestors, the leaf first.</summary>
    public IEnumerable<BsbmProductType> TypeAndAncestors(BsbmProductType type)
    {
        for (BsbmProductType? t = type; t is not null; t = t.ParentNumber is int p ? ProductTypes[p - 1] : null)
            yield return t;
    }

    /// <summary>The features a product of this type may have: the type's own and its ancestors' features.</summary>
    public int[] FeaturePool(BsbmProductType type) =>
        TypeAndAncestors(type).SelectMany(t => Enumerable.Range(t.FirstFeature, t.FeatureCount)).ToArray();

    public int ProducerOf(int product) => Owner(_producerFirstProduct, CheckRange(product, Products, "product"));
    public int FirstProductOf(int producer) => _producerFirstProduct[producer];
    public int ProductsOf(int producer) => _producerFirstProduct[producer + 1] - _producerFirstProduct[producer];
    public int VendorOf(int offer) => Owner(_vendorFirstOffer, CheckRange(offer, Offers, "offer"));
    public int FirstOfferOf(int vendor) => _vendorFirstOffer[vendor];
    public int OffersOf(int vendor) => _vendorFirstOffer[vendor + 1] - _vendorFirstOffer[vendor];
    public int RatingSiteOfReview(int review) => Owner(_siteFirstReview, CheckRange(review, Reviews, "review"));
    public int RatingSiteOfPerson(int person) => Owner(_siteFirstPerson, CheckRange(person, Persons, "person"));
    public int FirstReviewOf(int site) => _siteFirstReview[site];
    public int ReviewsOf(int site) => _siteFirstReview[site + 1] - _siteFirstReview[site];
    public int FirstPersonOf(int site) => _siteFirstPerson[site];
    public int PersonsOf(int site) => _siteFirstPerson[site + 1] - _siteFirstPerson[site];

    public static string ProductTypeIri(int type) => Instance($"ProductType{type}");
    public static string ProductFeatureIri(int feature) => Instance($"ProductFeature{feature}");
    public static string ProducerIri(int producer) => Instance($"dataFromProducer{producer}/Producer{producer}");
    public static string VendorIri(int vendor) => Instance($"dataFromVendor{vendor}/Vendor{vendor}");
    public static string RatingSiteIri(int site) => Instance($"dataFromRatingSite{site}/RatingSite{site}");
    public const string StandardizationInstitutionIri = BsbmVocabulary.InstancesNamespace + "StandardizationInstitution1";

    public string ProductIri(int product) => Instance($"dataFromProducer{ProducerOf(product)}/Product{product}");
    public string OfferIri(int offer) => Instance($"dataFromVendor{VendorOf(offer)}/Offer{offer}");
    public string ReviewIri(int review) => Instance($"dataFromRatingSite{RatingSiteOfReview(review)}/Review{review}");
    public string PersonIri(int person) => Instance($"dataFromRatingSite{RatingSiteOfPerson(person)}/Reviewer{person}");

    /// <summary>
    /// The random stream of one entity. Every entity draws from its own stream, so its triples depend only
    /// on the seed and its number, and the parameter drawer can recompute a product's label.
    /// </summary>
    internal DeterministicRandom StreamFor(BsbmEntity kind, int number) =>
        DeterministicRandom.ForStream(Seed, ((ulong)kind << 40) + (ulong)number);

    /// <summary>The label of a product (1–3 words).</summary>
    public string ProductLabel(int product) => DescribeProduct(product).Label;

    /// <summary>The product features a product has.</summary>
    public IReadOnlyList<int> ProductFeaturesOf(int product) => DescribeProduct(product).Features;

    /// <summary>
    /// Label, comment and features of a product: the first draws of its random stream, made here so
    /// that the generator and the parameter drawer share one code path. <paramref name="productStream"/>
    /// is left positioned after them, for the generator's remaining draws.
    /// </summary>
    internal BsbmProductBasics DrawProductBasics(int product, DeterministicRandom productStream)
    {
        var rng = productStream;
        string label = BsbmWords.Sentence(rng, rng.Between(1, 3));
        string comment = BsbmWords.Sentence(rng, rng.Between(20, 60));
        var pool = FeaturePool(LeafTypeOf(product));
        int count = Math.Min(rng.Between(9, 22), pool.Length);
        var features = rng.SampleDistinct(pool.Length, count).Select(i => pool[i]).ToArray();
        return new BsbmProductBasics(label, comment, features);
    }

    private BsbmProductBasics DescribeProduct(int product) =>
        DrawProductBasics(product, StreamFor(BsbmEntity.Product, CheckRange(product, Products, "product")));

    private static string Instance(string path) => BsbmVocabulary.InstancesNamespace + path;

    private static int CheckRange(int n, int max, string what)
    {
        if (n < 1 || n > max) throw new ArgumentOutOfRangeException(what, n, $"The data set numbers its {what}s 1 to {max}.");
        return n;
    }

    // Index of the group whose half-open range [first[g], first[g+1]) holds n.
    private static int Owner(int[] first, int n)
    {
        int i = Array.BinarySearch(first, 1, first.Length - 1, n);
        return i >= 0 ? i : ~i - 1;
    }

    // Splits items 1..total into consecutive groups of min..max items (the last may be smaller);
    // returns first[g] for g = 1..groups, then total + 1 as a sentinel; first[0] is unused.
    private static int[] Partition(DeterministicRandom rng, int total, int min, int max)
    {
        var first = new List<int> { 0 };
        for (int next = 1; next <= total; next += rng.Between(min, max))
            first.Add(next);
        first.Add(total + 1);
        return first.ToArray();
    }

    // Level by level, every node of the deepest level gets 2–8 children, until there are enough leaves
    // for ~25 products each. 2,785 products give a root, ~5, ~25 and ~125 types per level, as in BSBM.
    private static List<BsbmProductType> BuildTypeHierarchy(DeterministicRandom rng, int products, out int features)
    {
        int wantedLeaves = Math.Max(2, (products + 24) / 25);
        var types = new List<BsbmProductType>();
        int nextFeature = 1;
        BsbmProductType Add(int? parent, int depth)
        {
            int count = rng.Between(10, 50);
            var t = new BsbmProductType(types.Count + 1, parent, depth, nextFeature, count);
            nextFeature += count;
            types.Add(t);
            return t;
        }
        var level = new List<BsbmProductType> { Add(null, 0) };
        while (level.Count < wantedLeaves)
        {
            var next = new List<BsbmProductType>();
            foreach (var parent in level)
            {
                int children = rng.Between(2, 8);
                for (int c = 0; c < children; c++) next.Add(Add(parent.Number, parent.Depth + 1));
            }
            level = next;
        }
        features = nextFeature - 1;
        return types;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BSBM({Products}): {ProductTypes.Count} types, {ProductFeatureCount} features, {Producers} producers, {Vendors} vendors, {Offers} offers, {RatingSites} rating sites, {Persons} persons, {Reviews} reviews");
}
