using TripleStore.Formats.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.NTriples;

/// <summary>
/// Writes canonical N-Triples or N-Quads: one statement per line, terms as <see cref="Term.ToString"/>
/// prints them, a single space between terms and " ." at the end. Blank node ids that are not valid
/// labels are escaped (see BlankNodeLabels).
/// </summary>
public sealed class NTriplesWriter : RdfWriter
{
    private readonly TextWriter _output;
    private readonly bool _quads;
    private readonly bool _leaveOpen;

    public NTriplesWriter(TextWriter output, bool quads) : this(output, quads, leaveOpen: false)
    {
    }

    /// <summary>With <paramref name="leaveOpen"/>, disposing the writer flushes the output but leaves it open for its owner.</summary>
    public NTriplesWriter(TextWriter output, bool quads, bool leaveOpen)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _quads = quads;
        _leaveOpen = leaveOpen;
    }

    public override RdfFormat Format => _quads ? RdfFormat.NQuads : RdfFormat.NTriples;

    public override void Write(in Quad quad)
    {
        if (quad.Graph is not null && !_quads)
            throw new TripleStoreException(ErrorCodes.NamedGraphsNotSupported, ErrorKind.InvalidOperation,
                $"N-Triples cannot hold named graphs, but the statement {quad} is in graph {quad.Graph}; write N-Quads or TriG instead.");
        if (quad.Subject is Literal)
            throw new ArgumentException($"A literal cannot be a subject: {quad}", nameof(quad));
        WriteTerm(quad.Subject);
        _output.Write(' ');
        WriteTerm(quad.Predicate);
        _output.Write(' ');
        WriteTerm(quad.Object);
        if (quad.Graph is not null)
        {
            _output.Write(' ');
            WriteTerm(quad.Graph);
        }
        _output.Write(" .\n");
        StatementCount++;
    }

    private void WriteTerm(Term term)
    {
        switch (term)
        {
            case Iri iri:
                _output.Write('<');
                _output.Write(NTriplesEscaping.EscapeIri(iri.Value));
                _output.Write('>');
                break;
            case BlankNode node:
                _output.Write("_:");
                _output.Write(BlankNodeLabels.ToLabel(node.Id));
                break;
            case Literal literal:
                _output.Write('"');
                _output.Write(NTriplesEscaping.EscapeString(literal.Value));
                _output.Write('"');
                if (literal.Language is not null)
                {
                    _output.Write('@');
                    _output.Write(literal.Language);
                }
                else if (!ReferenceEquals(literal.Datatype, Xsd.String) && literal.Datatype.Value != Xsd.StringIri)
                {
                    _output.Write("^^<");
                    _output.Write(NTriplesEscaping.EscapeIri(literal.Datatype.Value));
                    _output.Write('>');
                }
                break;
            default:
                _output.Write(term.ToString());
                break;
        }
    }

    protected override void OnFinish() => _output.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen) _output.Dispose();
    }
}
