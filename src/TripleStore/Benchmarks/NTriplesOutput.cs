using TripleStore.Rdf;

namespace TripleStore.Benchmarks;

/// <summary>
/// Writes generated triples as canonical N-Triples lines ("\n" line ends on every platform). Generators
/// use this rather than a format writer so that their byte-exact output depends only on the canonical
/// N-Triples escaping of the term model.
/// </summary>
public static class NTriplesOutput
{
    /// <summary>Writes each quad's triple (the graph is ignored) as one line; returns the number of lines.</summary>
    public static long Write(IEnumerable<Quad> quads, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(quads);
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        foreach (var quad in quads)
        {
            WriteTerm(quad.Subject, output);
            output.Write(' ');
            WriteTerm(quad.Predicate, output);
            output.Write(' ');
            WriteTerm(quad.Object, output);
            output.Write(" .\n");
            count++;
        }
        return count;
    }

    // Same text as Term.ToString(), written in pieces to avoid building a string per term.
    private static void WriteTerm(Term term, TextWriter output)
    {
        switch (term)
        {
            case Iri iri:
                output.Write('<');
                output.Write(NTriplesEscaping.EscapeIri(iri.Value));
                output.Write('>');
                break;
            case Literal literal:
                output.Write('"');
                output.Write(NTriplesEscaping.EscapeString(literal.Value));
                output.Write('"');
                if (literal.Language is not null)
                {
                    output.Write('@');
                    output.Write(literal.Language);
                }
                else if (literal.Datatype.Value != Xsd.StringIri)
                {
                    output.Write("^^<");
                    output.Write(NTriplesEscaping.EscapeIri(literal.Datatype.Value));
                    output.Write('>');
                }
                break;
            default:
                output.Write(term.ToString());
                break;
        }
    }
}
