using System.Collections.Concurrent;

namespace TripleStore.Tests.W3C;

/// <summary>Loads each suite's manifest once per test run.</summary>
public static class RdfSuites
{
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<W3CTest>>> Loaded = new();

    public static IReadOnlyList<W3CTest> Tests(string manifest) =>
        Loaded.GetOrAdd(manifest, m => new Lazy<IReadOnlyList<W3CTest>>(() => W3CManifest.Load(m))).Value;

    public static W3CTest Find(string manifest, string id) =>
        Tests(manifest).FirstOrDefault(t => t.Id == id)
        ?? throw new InvalidOperationException($"No test '{id}' in {manifest}.");
}
