using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// SPARQL 1.1 Query Results CSV Format (RFC 4180): IRIs and lexical forms as plain text, blank nodes as
/// "_:label", unbound as an empty field and the empty string as a quoted empty field; lines end with CRLF.
/// </summary>
internal sealed class CsvResultsWriter : SparqlResultsWriter
{
    private readonly BlankNodeLabels _labels = new();
    private readonly StringBuilder _line = new();

    public CsvResultsWriter(TextWriter output) : base(output) { }

    private protected override void WriteBooleanCore(bool value) =>
        throw new NotSupportedException("The CSV results format has no form for a boolean (ASK) result; use JSON or XML.");

    private protected override void WriteHeaderCore(IReadOnlyList<string> variables)
    {
        _line.Clear();
        for (int i = 0; i < variables.Count; i++)
        {
            if (i > 0) _line.Append(',');
            AppendField(variables[i]);
        }
        Output.Write(_line.Append("\r\n"));
    }

    private protected override void WriteRowCore(ReadOnlySpan<Term?> row)
    {
        _line.Clear();
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) _line.Append(',');
            switch (row[i])
            {
                case Iri iri: AppendField(iri.Value); break;
                case BlankNode b: AppendField("_:" + _labels.Get(b)); break;
                // An empty string is quoted so that it reads back as "" and not as unbound.
                case Literal { Value.Length: 0 }: _line.Append("\"\""); break;
                case Literal l: AppendField(l.Value); break;
            }
        }
        Output.Write(_line.Append("\r\n"));
    }

    private void AppendField(string value)
    {
        if (value.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            _line.Append(value);
            return;
        }
        _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private protected override void FinishCore() { }
}
