using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Sparql;

namespace TripleStore.Tests.Sparql;

internal static class SparqlTestData
{
    public const string Prefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

    public static InMemoryDataset Load(string turtle, Term? graph = null)
    {
        var ds = new InMemoryDataset();
        AddTurtle(ds, turtle, graph);
        return ds;
    }

    public static void AddTurtle(InMemoryDataset ds, string turtle, Term? graph = null)
    {
        using var reader = RdfParser.Create(new StringReader("@prefix : <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . " + turtle),
            RdfFormat.Turtle, new RdfReaderOptions { DefaultGraph = graph });
        ds.AddRange(reader.ReadAll());
    }

    public static Iri Ex(string local) => new("http://example.org/" + local);

    public static List<Dictionary<string, string?>> Select(IQuadSource source, string query, QueryOptions? options = null)
    {
        var result = (SolutionSequence)SparqlEngine.Evaluate(Prefixes + query, source, options);
        return result.Select(row => result.Variables.Select((v, i) => (v, row[i]?.ToString())).ToDictionary(x => x.v, x => x.Item2)).ToList();
    }

    /// <summary>Rows rendered as "var=value" joined, sorted, for order-insensitive comparison.</summary>
    public static List<string> Rows(IQuadSource source, string query, QueryOptions? options = null) =>
        Select(source, query, options).Select(r => string.Join(" ", r.Where(kv => kv.Value is not null).Select(kv => kv.Key + "=" + Short(kv.Value!)))).OrderBy(s => s, StringComparer.Ordinal).ToList();

    public static string Short(string term) => term.Replace("<http://example.org/", ":").Replace(">", "")
        .Replace("^^<http://www.w3.org/2001/XMLSchema#integer", "");
}
