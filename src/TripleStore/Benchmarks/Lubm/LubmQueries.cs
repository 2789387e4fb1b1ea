using System.Globalization;

namespace TripleStore.Benchmarks.Lubm;

/// <summary>
/// The 14 standard LUBM queries in SPARQL, bound to University0 and its Department0 as in the
/// original benchmark. Most need the univ-bench ontology for complete answers (see each file's comment).
/// </summary>
public static class LubmQueries
{
    public const int Count = 14;

    private static readonly Lazy<IReadOnlyList<BenchmarkQuery>> Queries = new(() =>
        Enumerable.Range(1, Count)
            .Select(n => new BenchmarkQuery(
                "Q" + n.ToString(CultureInfo.InvariantCulture),
                EmbeddedText.Read($"TripleStore.Benchmarks.Lubm.Queries.q{n:00}.rq")))
            .ToArray());

    /// <summary>Q1..Q14 in order.</summary>
    public static IReadOnlyList<BenchmarkQuery> All => Queries.Value;

    /// <summary>Query number <paramref name="number"/> (1..14).</summary>
    public static BenchmarkQuery Get(int number)
    {
        if (number is < 1 or > Count)
            throw new ArgumentOutOfRangeException(nameof(number), number, "LUBM queries are numbered 1 to 14.");
        return All[number - 1];
    }
}
