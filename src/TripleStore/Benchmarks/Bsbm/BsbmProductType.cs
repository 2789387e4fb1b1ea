namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// A node of the BSBM product type hierarchy. <see cref="Number"/> is the n of <c>ProductType{n}</c>;
/// the root is number 1 and has no parent. Each type owns a contiguous range of product features.
/// </summary>
public sealed record BsbmProductType(int Number, int? ParentNumber, int Depth, int FirstFeature, int FeatureCount)
{
    public bool IsRoot => ParentNumber is null;
}
