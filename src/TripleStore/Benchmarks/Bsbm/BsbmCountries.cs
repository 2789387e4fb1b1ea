using TripleStore.Rdf;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// The countries of producers, vendors and reviewers (ISO 3166 IRIs, as in BSBM). The US and Germany
/// are weighted up because Q7 and Q10 look for German and American vendors.
/// </summary>
public static class BsbmCountries
{
    private static readonly (string Code, int Weight)[] Weighted =
        [("US", 4), ("DE", 2), ("GB", 2), ("FR", 1), ("JP", 1), ("CN", 1), ("RU", 1), ("AT", 1), ("ES", 1), ("KR", 1)];

    private static readonly Iri[] Table = Weighted
        .SelectMany(w => Enumerable.Repeat(new Iri(BsbmVocabulary.CountriesNamespace + w.Code), w.Weight)).ToArray();

    public static Iri Iri(string code) => new(BsbmVocabulary.CountriesNamespace + code);

    internal static Iri Draw(DeterministicRandom rng) => Table[rng.Next(Table.Length)];
}
