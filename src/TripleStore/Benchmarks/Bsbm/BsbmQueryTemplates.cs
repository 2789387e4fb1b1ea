using System.Globalization;
using System.Text.RegularExpressions;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// The 12 query templates of the BSBM v3 Explore use case (Q9 is a DESCRIBE, Q12 a CONSTRUCT), with
/// <c>%Name%</c> placeholders that <see cref="BsbmParameterDrawer"/> fills in.
/// </summary>
public static partial class BsbmQueryTemplates
{
    public const int Count = 12;

    private static readonly Lazy<IReadOnlyList<BenchmarkQuery>> Templates = new(() =>
        Enumerable.Range(1, Count)
            .Select(n => new BenchmarkQuery(
                "Q" + n.ToString(CultureInfo.InvariantCulture),
                EmbeddedText.Read($"TripleStore.Benchmarks.Bsbm.Queries.q{n:00}.rq")))
            .ToArray());

    /// <summary>Q1..Q12 in order, with placeholders.</summary>
    public static IReadOnlyList<BenchmarkQuery> All => Templates.Value;

    /// <summary>Template number <paramref name="number"/> (1..12).</summary>
    public static BenchmarkQuery Get(int number)
    {
        if (number is < 1 or > Count)
            throw new ArgumentOutOfRangeException(nameof(number), number, "BSBM explore queries are numbered 1 to 12.");
        return All[number - 1];
    }

    /// <summary>The distinct placeholder names of a template, in order of first appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    [GeneratedRegex("%([A-Za-z][A-Za-z0-9]*)%")]
    internal static partial Regex Placeholder();
}
