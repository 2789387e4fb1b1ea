using System.Globalization;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>
/// Fills BSBM query templates with parameters drawn from a generated data set, deterministically from
/// its own seed: the same (catalog, seed) always yields the same sequence of queries. Drawn values exist
/// in the data: products, offers and reviews by number; a product type other than the root, with
/// features that a product of that type has; numbers in 1..500 for the numeric filters; a word
/// taken from a product's label for the REGEX of Q6; and the benchmark's current date.
/// </summary>
public sealed class BsbmParameterDrawer
{
    private readonly BsbmCatalog _catalog;
    private readonly DeterministicRandom _rng;

    public BsbmParameterDrawer(BsbmCatalog catalog, ulong seed)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _rng = new DeterministicRandom(seed);
    }

    /// <summary>Instantiates template <paramref name="queryNumber"/> (1..12) with fresh parameters.</summary>
    public BenchmarkQuery Next(int queryNumber)
    {
        var template = BsbmQueryTemplates.Get(queryNumber);
        var values = Draw(BsbmQueryTemplates.Placeholders(template.Text));
        string text = BsbmQueryTemplates.Placeholder().Replace(template.Text, m => values[m.Groups[1].Value]);
        return template with { Text = text };
    }

    /// <summary>Draws a value, in SPARQL syntax, for each placeholder name.</summary>
    public IReadOnlyDictionary<string, string> Draw(IEnumerable<string> placeholders)
    {
        var names = placeholders.ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        // Type and features come from one random product: the type is one of its types below the root,
        // the features are among its own, so Q1, Q3 and Q4 match at least that product before their
        // numeric filters (BSBM only requires the features to fit the type, which often matches nothing).
        var featureNames = names.Where(n => n.StartsWith("ProductFeature", StringComparison.Ordinal)).ToArray();
        if (names.Contains("ProductType") || featureNames.Length > 0)
        {
            int product = _rng.Between(1, _catalog.Products);
            var types = _catalog.TypeAndAncestors(_catalog.LeafTypeOf(product)).Where(t => !t.IsRoot).ToArray();
            var type = types[_rng.Next(types.Length)];
            values["ProductType"] = Iri(BsbmCatalog.ProductTypeIri(type.Number));
            var features = _catalog.ProductFeaturesOf(product);
            var picks = _rng.SampleDistinct(features.Count, featureNames.Length);
            for (int i = 0; i < featureNames.Length; i++)
                values[featureNames[i]] = Iri(BsbmCatalog.ProductFeatureIri(features[picks[i]]));
        }
        foreach (var name in names)
        {
            if (values.ContainsKey(name)) continue;
            values[name] = name switch
            {
                "x" or "y" => _rng.Between(1, 500).ToString(CultureInfo.InvariantCulture),
                "ProductXYZ" => Iri(_catalog.ProductIri(_rng.Between(1, _catalog.Products))),
                "OfferXYZ" => Iri(_catalog.OfferIri(_rng.Between(1, _catalog.Offers))),
                "ReviewXYZ" => Iri(_catalog.ReviewIri(_rng.Between(1, _catalog.Reviews))),
                "word1" => DrawLabelWord(),
                "currentDate" => "\"" + BsbmCatalog.CurrentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                                 + "T00:00:00\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
                _ => throw new ArgumentException($"No BSBM parameter is called '{name}'.", nameof(placeholders)),
            };
        }
        return values;
    }

    private string DrawLabelWord()
    {
        var words = _catalog.ProductLabel(_rng.Between(1, _catalog.Products)).Split(' ');
        return words[_rng.Next(words.Length)];
    }

    private static string Iri(string value) => "<" + value + ">";
}
