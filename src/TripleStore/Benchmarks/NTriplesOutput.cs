using TripleStore.Formats.NTriples;
using TripleStore.Rdf;

namespace TripleStore.Benchmarks;

/// <summary>
/// Writes generated triples as canonical N-Triples lines ("\n" line ends on every platform), through
/// <see cref="NTriplesWriter"/>, so that a generator's byte-exact output depends only on the canonical
/// N-Triples escaping of the term model.
/// </summary>
public static class NTriplesOutput
{
    /// <summary>Writes each quad's triple (the graph is ignored) as one line; returns the number of lines. Leaves <paramref name="output"/> open.</summary>
    public static long Write(IEnumerable<Quad> quads, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(quads);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new NTriplesWriter(output, quads: false, leaveOpen: true);
        foreach (var quad in quads)
            writer.Write(quad.Graph is null ? quad : new Quad(quad.Subject, quad.Predicate, quad.Object));
        return writer.StatementCount;
    }
}
