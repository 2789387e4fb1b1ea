using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Reads a results document. <see cref="Read"/> loads it whole; <see cref="Open"/> reads the header and
/// then yields rows one at a time (XML, CSV and TSV stream; JSON is parsed at open, because its "head"
/// may follow its rows). Blank node labels map to fresh blank nodes, one per label in the document.
/// Malformed input raises <see cref="RdfSyntaxException"/> with the line and column.
/// CSV is lossy: fields read back as blank nodes ("_:x"), IRIs (text that is an absolute IRI) or
/// simple literals; datatypes and language tags are gone.
/// </summary>
public sealed class SparqlResultsReader
{
    private readonly ResultsParser _parser;
    private bool _rowsTaken;

    private SparqlResultsReader(ResultsParser parser) => _parser = parser;

    /// <summary>Reads the whole document.</summary>
    public static SparqlResultSet Read(TextReader input, SparqlResultsFormat format, string? sourceName = null)
    {
        var reader = Open(input, format, sourceName);
        if (reader.Boolean is bool b) return new SparqlResultSet(b);
        return new SparqlResultSet(reader.Variables, reader.ReadRows().ToList());
    }

    /// <summary>Reads the header; rows follow through <see cref="ReadRows"/>.</summary>
    public static SparqlResultsReader Open(TextReader input, SparqlResultsFormat format, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ResultsParser parser = format switch
        {
            SparqlResultsFormat.Json => new JsonResultsParser(input, sourceName),
            SparqlResultsFormat.Xml => new XmlResultsParser(input, sourceName),
            SparqlResultsFormat.Csv => new CsvResultsParser(input, sourceName),
            SparqlResultsFormat.Tsv => new TsvResultsParser(input, sourceName),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        return new SparqlResultsReader(parser);
    }

    /// <summary>The ASK result, or null for a SELECT result.</summary>
    public bool? Boolean => _parser.Boolean;

    public IReadOnlyList<string> Variables => _parser.Variables;

    /// <summary>The rows, read as they are enumerated; only one enumeration is possible.</summary>
    public IEnumerable<Term?[]> ReadRows()
    {
        if (_rowsTaken) throw new InvalidOperationException("The rows of a results document can be read only once.");
        _rowsTaken = true;
        return _parser.Rows();
    }
}
