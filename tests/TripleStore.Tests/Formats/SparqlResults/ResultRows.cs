using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Formats.SparqlResults;

/// <summary>Compares result rows in order, treating blank nodes as equal under one consistent renaming.</summary>
internal static class ResultRows
{
    public static void AssertEquivalent(IReadOnlyList<Term?[]> expected, IReadOnlyList<Term?[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var forward = new Dictionary<BlankNode, BlankNode>();
        var backward = new Dictionary<BlankNode, BlankNode>();
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (int c = 0; c < expected[r].Length; c++)
            {
                var e = expected[r][c];
                var a = actual[r][c];
                if (e is BlankNode eb && a is BlankNode ab)
                {
                    Assert.Equal(forward.TryAdd(eb, ab) ? ab : forward[eb], ab);
                    Assert.Equal(backward.TryAdd(ab, eb) ? eb : backward[ab], eb);
                }
                else
                {
                    Assert.True(Equals(e, a), $"row {r}, column {c}: expected {e?.ToString() ?? "unbound"}, got {a?.ToString() ?? "unbound"}");
                }
            }
        }
    }

    /// <summary>What CSV keeps of a term: IRIs and blank nodes, and the lexical form of literals.</summary>
    public static Term? CsvProjection(Term? term) => term is Literal l ? Literal.Simple(l.Value) : term;
}
