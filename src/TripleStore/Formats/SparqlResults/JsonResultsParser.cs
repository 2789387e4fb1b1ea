using System.Text;
using System.Text.Json;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Parses SPARQL 1.1 Query Results JSON with Utf8JsonReader, without building a DOM. The members of a
/// JSON object are unordered, so "head" may come after "results"; the document is therefore parsed
/// whole before rows are handed out. Unknown members are skipped, as the format asks.
/// </summary>
internal sealed class JsonResultsParser : ResultsParser
{
    private readonly byte[] _utf8;
    private readonly List<Term?[]> _rows = [];

    private readonly record struct PendingRow(List<(string Name, Term Term)> Bindings, long Offset);

    public JsonResultsParser(TextReader input, string? sourceName) : base(sourceName)
    {
        _utf8 = Encoding.UTF8.GetBytes(input.ReadToEnd());
        try
        {
            Parse();
        }
        catch (JsonException e)
        {
            throw Error((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, "Invalid JSON: " + FirstSentence(e.Message));
        }
    }

    public override IEnumerable<Term?[]> Rows() => _rows;

    private void Parse()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw ErrorAt(reader.TokenStartIndex, "A results document must be a JSON object.");
        List<string>? variables = null;
        List<PendingRow>? pending = null;
        bool? boolean = null;
        long headOffset = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            long offset = reader.TokenStartIndex;
            reader.Read();
            switch (name)
            {
                case "head":
                    headOffset = offset;
                    variables = ParseHead(ref reader);
                    break;
                case "results":
                    pending = ParseResults(ref reader);
                    break;
                case "boolean":
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) throw ErrorAt(reader.TokenStartIndex, "\"boolean\" must be true or false.");
                    boolean = reader.GetBoolean();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (variables is null && pending is not null) throw ErrorAt(0, "The document has \"results\" but no \"head\" with \"vars\".");
        if (boolean is bool b)
        {
            if (pending is not null) throw ErrorAt(0, "A document cannot hold both \"boolean\" and \"results\".");
            Boolean = b;
            return;
        }
        if (pending is null) throw ErrorAt(0, "The document has neither \"results\" nor \"boolean\".");
        Variables = variables!;
        CheckDistinct(Variables, LineOf(headOffset), ColumnOf(headOffset));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Variables.Count; i++) index[Variables[i]] = i;
        foreach (var row in pending)
        {
            var values = new Term?[Variables.Count];
            foreach (var (varName, term) in row.Bindings)
            {
                if (!index.TryGetValue(varName, out int i)) throw ErrorAt(row.Offset, $"The binding for '{varName}' names a variable the head does not declare.");
                if (values[i] is not null) throw ErrorAt(row.Offset, $"The variable '{varName}' is bound twice in one result.");
                values[i] = term;
            }
            _rows.Add(values);
        }
    }

    private List<string> ParseHead(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw ErrorAt(reader.TokenStartIndex, "\"head\" must be an object.");
        var variables = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name != "vars") { reader.Skip(); continue; }
            if (reader.TokenType != JsonTokenType.StartArray) throw ErrorAt(reader.TokenStartIndex, "\"vars\" must be an array of strings.");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String) throw ErrorAt(reader.TokenStartIndex, "\"vars\" must be an array of strings.");
                variables.Add(reader.GetString()!);
            }
        }
        return variables;
    }

    private List<PendingRow> ParseResults(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw ErrorAt(reader.TokenStartIndex, "\"results\" must be an object.");
        List<PendingRow>? rows = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name != "bindings") { reader.Skip(); continue; }
            if (reader.TokenType != JsonTokenType.StartArray) throw ErrorAt(reader.TokenStartIndex, "\"bindings\" must be an array.");
            rows = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                long offset = reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.StartObject) throw ErrorAt(offset, "Each member of \"bindings\" must be an object.");
                var bindings = new List<(string, Term)>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var variable = reader.GetString()!;
                    reader.Read();
                    bindings.Add((variable, ParseTerm(ref reader)));
                }
                rows.Add(new PendingRow(bindings, offset));
            }
        }
        return rows ?? throw ErrorAt(reader.TokenStartIndex, "\"results\" has no \"bindings\" array.");
    }

    private Term ParseTerm(ref Utf8JsonReader reader)
    {
        long offset = reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject) throw ErrorAt(offset, "A binding must be an object with \"type\" and \"value\".");
        string? type = null, value = null, language = null, datatype = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type": type = ReadString(ref reader, name); break;
                case "value":
                    if (reader.TokenType == JsonTokenType.StartObject) throw ErrorAt(reader.TokenStartIndex, "Triple terms (RDF-star) are not supported.");
                    value = ReadString(ref reader, name);
                    break;
                case "xml:lang": language = ReadString(ref reader, name); break;
                case "datatype": datatype = ReadString(ref reader, name); break;
                default: reader.Skip(); break;
            }
        }
        if (type is null || value is null) throw ErrorAt(offset, "A binding needs both \"type\" and \"value\".");
        switch (type)
        {
            case "uri":
                return new Iri(value);
            case "bnode":
                if (value.Length == 0) throw ErrorAt(offset, "A blank node needs a non-empty label.");
                return BlankNodes.Get(value);
            case "literal":
            case "typed-literal": // the pre-1.1 spelling, still written by some services
                if (language is not null)
                {
                    if (language.Length == 0) throw ErrorAt(offset, "\"xml:lang\" must not be empty.");
                    if (datatype is not null && datatype != RdfVocabulary.LangStringIri) throw ErrorAt(offset, "A literal cannot have both a language tag and a datatype.");
                    return Literal.LangString(value, language);
                }
                if (datatype is null) return Literal.Simple(value);
                if (datatype == RdfVocabulary.LangStringIri) throw ErrorAt(offset, "An rdf:langString literal needs \"xml:lang\".");
                return Literal.Typed(value, Xsd.Intern(datatype));
            case "triple":
                throw ErrorAt(offset, "Triple terms (RDF-star) are not supported.");
            default:
                throw ErrorAt(offset, $"Unknown binding type \"{type}\"; expected uri, literal or bnode.");
        }
    }

    private string ReadString(ref Utf8JsonReader reader, string? member)
    {
        if (reader.TokenType != JsonTokenType.String) throw ErrorAt(reader.TokenStartIndex, $"\"{member}\" must be a string.");
        return reader.GetString()!;
    }

    private RdfSyntaxException ErrorAt(long byteOffset, string message) => Error(LineOf(byteOffset), ColumnOf(byteOffset), message);

    private long LineOf(long byteOffset)
    {
        long line = 1;
        for (long i = 0; i < byteOffset && i < _utf8.Length; i++)
            if (_utf8[i] == (byte)'\n') line++;
        return line;
    }

    private long ColumnOf(long byteOffset)
    {
        long start = byteOffset;
        while (start > 0 && start <= _utf8.Length && _utf8[start - 1] != (byte)'\n') start--;
        // Count characters, not bytes: skip UTF-8 continuation bytes.
        long column = 1;
        for (long i = start; i < byteOffset && i < _utf8.Length; i++)
            if ((_utf8[i] & 0xC0) != 0x80) column++;
        return column;
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
