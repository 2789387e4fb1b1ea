using System.Reflection;
using Xunit.Sdk;

namespace TripleStore.Tests.W3C;

/// <summary>The update evaluation tests of the SPARQL 1.1 update manifest, and the known-failures list.</summary>
public static class SparqlUpdateSuite
{
    private static readonly Lazy<IReadOnlyList<W3CTest>> LazyTests = new(() =>
        W3CManifest.Load(SparqlSuites.Sparql11Update).Where(SparqlUpdateTestRunner.IsUpdateEvaluationTest).ToList());

    public static IReadOnlyList<W3CTest> Tests => LazyTests.Value;

    public static W3CTest Find(string key) =>
        Tests.FirstOrDefault(t => SparqlSuites.Key(t) == key) ?? throw new InvalidOperationException($"No update test '{key}'.");

    /// <summary>Tests that fail today, with why.</summary>
    public static IReadOnlyDictionary<string, string> KnownFailures => LazyKnown.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyKnown = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "W3C", "sparql-update-known-failures.txt");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return map;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOfAny([' ', '\t']);
            map[space < 0 ? line : line[..space]] = space < 0 ? "" : line[space..].Trim();
        }
        return map;
    });
}

/// <summary>One theory row per update evaluation test, keyed by the test IRI relative to the suites root.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SparqlUpdateSuiteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        SparqlUpdateSuite.Tests.Select(t => new object[] { SparqlSuites.Key(t) });
}
