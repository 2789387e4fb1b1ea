using System.Collections.Concurrent;

namespace TripleStore.Tests.W3C;

/// <summary>The SPARQL query suites, their tests, and the repository's skip and known-failure lists.</summary>
public static class SparqlSuites
{
    public const string Sparql10 = "sparql/sparql10/manifest.ttl";
    public const string Sparql11Query = "sparql/sparql11/manifest-sparql11-query.ttl";

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<W3CTest>>> Loaded = new();

    public static IReadOnlyList<W3CTest> Tests(string manifest) =>
        Loaded.GetOrAdd(manifest, m => new Lazy<IReadOnlyList<W3CTest>>(() =>
            W3CManifest.Load(m).Where(SparqlTestRunner.IsQueryTest).ToList())).Value;

    /// <summary>A test's key: its IRI relative to the suites' published root.</summary>
    public static string Key(W3CTest test) => test.Iri.StartsWith(W3CSuiteLocation.PublishedRoot, StringComparison.Ordinal)
        ? test.Iri[W3CSuiteLocation.PublishedRoot.Length..]
        : test.Iri;

    public static W3CTest Find(string manifest, string key) =>
        Tests(manifest).FirstOrDefault(t => Key(t) == key) ?? throw new InvalidOperationException($"No test '{key}' in {manifest}.");

    /// <summary>Tests not run: only entailment regimes and SERVICE (federation) are acceptable reasons.</summary>
    public static IReadOnlyDictionary<string, string> Skipped => LazySkipped.Value;

    /// <summary>Tests that fail today, with why; a listed test that starts passing fails the suite so the list only shrinks.</summary>
    public static IReadOnlyDictionary<string, string> KnownFailures => LazyKnown.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazySkipped = new(() => ReadList("sparql-skip.txt"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyKnown = new(() => ReadList("sparql-known-failures.txt"));

    private static IReadOnlyDictionary<string, string> ReadList(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "W3C", name);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return map;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOfAny([' ', '\t']);
            var key = space < 0 ? line : line[..space];
            map[key] = space < 0 ? "" : line[space..].Trim();
        }
        return map;
    }
}
