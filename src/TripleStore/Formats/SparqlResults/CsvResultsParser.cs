using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Parses SPARQL CSV results (RFC 4180, LF or CRLF line ends) one record at a time. CSV keeps no term
/// types, so a field reads back as a blank node ("_:label"), an IRI (text that is an absolute IRI), or a
/// simple literal; an unquoted empty field is unbound, a quoted empty field the empty string.
/// </summary>
internal sealed class CsvResultsParser : ResultsParser
{
    private readonly TextReader _input;
    private long _line = 1, _column = 1;
    private readonly StringBuilder _field = new();

    private readonly record struct Field(string Text, bool Quoted, long Line, long Column);

    public CsvResultsParser(TextReader input, string? sourceName) : base(sourceName)
    {
        _input = input;
        long line = _line;
        var header = ReadRecord() ?? throw Error(1, 1, "The CSV document is empty; it needs a header line of variable names.");
        var variables = new List<string>();
        if (!(header.Count == 1 && header[0].Text.Length == 0 && !header[0].Quoted))
        {
            foreach (var f in header)
            {
                if (f.Text.Length == 0) throw Error(f.Line, f.Column, "A variable name in the header is empty.");
                variables.Add(f.Text);
            }
        }
        CheckDistinct(variables, line, 1);
        Variables = variables;
    }

    public override IEnumerable<Term?[]> Rows()
    {
        while (ReadRecord() is { } record)
        {
            bool blank = record.Count == 1 && record[0].Text.Length == 0 && !record[0].Quoted;
            if (blank && Variables.Count != 1)
            {
                if (Variables.Count == 0) yield return [];
                continue; // a blank line carries nothing when there are several columns
            }
            if (record.Count != Variables.Count)
                throw Error(record[0].Line, 1, $"The record has {record.Count} fields but the header has {Variables.Count}.");
            var row = new Term?[record.Count];
            for (int i = 0; i < record.Count; i++) row[i] = ToTerm(record[i]);
            yield return row;
        }
    }

    private Term? ToTerm(Field f)
    {
        if (f.Text.Length == 0) return f.Quoted ? Literal.Simple("") : null;
        if (f.Text.Length > 2 && f.Text.StartsWith("_:", StringComparison.Ordinal)) return BlankNodes.Get(f.Text[2..]);
        if (LooksLikeIri(f.Text)) return new Iri(f.Text);
        return Literal.Simple(f.Text);
    }

    private static bool LooksLikeIri(string text)
    {
        int colon = text.IndexOf(':');
        return colon > 0 && colon < text.Length - 1 && IriSyntax.IsAbsoluteIri(text, out _);
    }

    private int Next()
    {
        int c = _input.Read();
        if (c == '\n') { _line++; _column = 1; }
        else if (c >= 0) _column++;
        return c;
    }

    /// <summary>One record, or null at the end of input.</summary>
    private List<Field>? ReadRecord()
    {
        if (_input.Peek() < 0) return null;
        var fields = new List<Field>();
        while (true)
        {
            long line = _line, column = _column;
            _field.Clear();
            bool quoted = _input.Peek() == '"';
            int c;
            if (quoted)
            {
                Next();
                while (true)
                {
                    c = Next();
                    if (c < 0) throw Error(line, column, "A quoted field is not closed.");
                    if (c == '"')
                    {
                        if (_input.Peek() == '"') { Next(); _field.Append('"'); continue; }
                        break;
                    }
                    _field.Append((char)c);
                }
                c = Next();
                if (c is not (',' or '\n' or '\r' or -1))
                    throw Error(_line, _column - 1, "A closing quote must be followed by a comma or the end of the line.");
            }
            else
            {
                while (true)
                {
                    c = Next();
                    if (c is ',' or '\n' or '\r' or -1) break;
                    if (c == '"') throw Error(_line, _column - 1, "A quote may only appear in a quoted field.");
                    _field.Append((char)c);
                }
            }
            fields.Add(new Field(_field.ToString(), quoted, line, column));
            if (c == ',') continue;
            if (c == '\r' && _input.Peek() == '\n') Next();
            return fields;
        }
    }
}
