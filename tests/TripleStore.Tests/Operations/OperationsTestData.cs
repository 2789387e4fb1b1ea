using Xunit;
using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Tests.Operations;

internal static class OperationsTestData
{
    public static Iri Ex(string local) => new("http://example.org/" + local);

    /// <summary>Quad number <paramref name="i"/>: every third in a named graph, so both index families are used.</summary>
    public static Quad Numbered(int i) =>
        new(Ex("s" + i), Ex("p" + (i % 5)), Literal.Simple("value " + i + " with some length to it"), i % 3 == 0 ? Ex("g" + (i % 2)) : null);

    public static IEnumerable<Quad> Range(int from, int count) => Enumerable.Range(from, count).Select(Numbered);

    public static HashSet<string> AllQuads(RdfStore store)
    {
        using var snapshot = store.OpenSnapshot();
        return snapshot.Match(null, null, null, GraphSelector.All).Select(q => q.ToString()).ToHashSet();
    }
}
