namespace TripleStore.Benchmarks.Bsbm;

/// <summary>The kinds of BSBM entity; each has its own family of random streams.</summary>
internal enum BsbmEntity
{
    ProductType = 1,
    ProductFeature,
    Producer,
    Product,
    Vendor,
    Offer,
    RatingSite,
    Person,
    Review,
}
