using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Benchmarks;

/// <summary>
/// Writes generated triples as canonical N-Triples lines. Generators use this rather than a format
/// writer so that their byte-exact output depends only on the term model's canonical N-Triples form.
/// </summary>
public static class NTriplesOutput
{
    /// <summary>Writes each quad's triple (the graph is ignored) as one line; returns the number of lines.</summary>
    public static long Write(IEnumerable<Quad> quads, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(quads);
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        var line = new StringBuilder(256);
        foreach (var quad in quads)
        {
            line.Clear();
            line.Append(quad.Subject.ToString()).Append(' ')
                .Append(quad.Predicate.ToString()).Append(' ')
                .Append(quad.Object.ToString()).Append(" .\n");
            output.Write(line);
            count++;
        }
        return count;
    }
}
