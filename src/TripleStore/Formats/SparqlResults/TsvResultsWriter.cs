using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// SPARQL 1.1 Query Results TSV Format: "?var" headers and terms in Turtle syntax, tab-separated,
/// LF line ends. Integers, decimals and doubles whose lexical form is a Turtle number are written bare.
/// </summary>
internal sealed class TsvResultsWriter : SparqlResultsWriter
{
    private readonly BlankNodeLabels _labels = new();
    private readonly StringBuilder _line = new();

    public TsvResultsWriter(TextWriter output) : base(output) { }

    private protected override void WriteBooleanCore(bool value) =>
        throw new NotSupportedException("The TSV results format has no form for a boolean (ASK) result; use JSON or XML.");

    private protected override void WriteHeaderCore(IReadOnlyList<string> variables)
    {
        _line.Clear();
        for (int i = 0; i < variables.Count; i++)
        {
            if (i > 0) _line.Append('\t');
            _line.Append('?').Append(variables[i]);
        }
        Output.Write(_line.Append('\n'));
    }

    private protected override void WriteRowCore(ReadOnlySpan<Term?> row)
    {
        _line.Clear();
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) _line.Append('\t');
            switch (row[i])
            {
                case Iri iri:
                    _line.Append('<').Append(NTriplesEscaping.EscapeIri(iri.Value)).Append('>');
                    break;
                case BlankNode b:
                    _line.Append("_:").Append(_labels.Get(b));
                    break;
                case Literal l:
                    AppendLiteral(l);
                    break;
            }
        }
        Output.Write(_line.Append('\n'));
    }

    private void AppendLiteral(Literal l)
    {
        if (TurtleNumber.Matches(l)) { _line.Append(l.Value); return; }
        // N-Triples escaping covers tab, CR and LF, which must not appear raw in a TSV field.
        _line.Append('"').Append(NTriplesEscaping.EscapeString(l.Value)).Append('"');
        if (l.Language is not null) _line.Append('@').Append(l.Language);
        else if (!l.IsSimple) _line.Append("^^<").Append(NTriplesEscaping.EscapeIri(l.Datatype.Value)).Append('>');
    }

    private protected override void FinishCore() { }
}
