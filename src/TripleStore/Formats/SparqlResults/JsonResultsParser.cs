using System.Text.Json;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Parses SPARQL 1.1 Query Results JSON as a token stream, without building a DOM. When "head" comes
/// before "results" (as every writer puts it), rows are read one at a time as they are enumerated. The
/// members of a JSON object are unordered, though, so when "results" comes first its rows are held
/// until "head" names the variables. Unknown members are skipped, as the format asks.
/// </summary>
internal sealed class JsonResultsParser : ResultsParser
{
    private readonly JsonTokenSource _json;
    private List<Term?[]>? _heldRows;
    private List<string>? _variables;
    private Dictionary<string, int>? _index;
    private bool _sawResults;

    private readonly record struct PendingRow(List<(string Name, Term Term)> Bindings, long Line, long Column);

    public JsonResultsParser(TextReader input, string? sourceName) : base(sourceName)
    {
        SkipByteOrderMark(input);
        _json = new JsonTokenSource(input);
        Guard(ReadUntilRows);
    }

    public override IEnumerable<Term?[]> Rows()
    {
        if (_heldRows is not null)
        {
            foreach (var row in _heldRows) yield return row;
            yield break;
        }
        if (Boolean.HasValue) yield break;
        while (Guard(ReadStreamedRow) is { } row) yield return row;
        Guard(ReadRest);
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (JsonPositionException e)
        {
            throw Error(e.Line, e.Column, "Invalid JSON: " + FirstSentence(e.Message));
        }
    }

    /// <summary>
    /// Reads members of the root object until rows can stream (at the "bindings" array after "head"),
    /// or to the end when the document is a boolean or its "results" came before "head".
    /// </summary>
    private bool ReadUntilRows()
    {
        if (!_json.Read() || _json.TokenType != JsonTokenType.StartObject) throw ErrorAtToken("A results document must be a JSON object.");
        List<PendingRow>? pending = null;
        while (NextMember() is { } name)
        {
            switch (name)
            {
                case "head":
                    ReadHead();
                    if (pending is not null) { HoldPending(pending); ReadRest(); return true; }
                    break;
                case "results":
                    if (_variables is not null)
                    {
                        if (Boolean.HasValue) throw ErrorAtToken("A document cannot hold both \"boolean\" and \"results\".");
                        _sawResults = true;
                        if (EnterBindings()) return true;
                        break;
                    }
                    pending = ReadResultsWhole();
                    break;
                case "boolean":
                    _json.Read();
                    if (_json.TokenType is not (JsonTokenType.True or JsonTokenType.False)) throw ErrorAtToken("\"boolean\" must be true or false.");
                    if (pending is not null || _sawResults) throw ErrorAtToken("A document cannot hold both \"boolean\" and \"results\".");
                    Boolean = _json.Boolean;
                    break;
                default:
                    _json.Read();
                    _json.SkipValue();
                    break;
            }
        }
        if (Boolean.HasValue) return true;
        if (pending is not null) throw Error(1, 1, "The document has \"results\" but no \"head\" with \"vars\".");
        if (_sawResults) return true; // "results" without "bindings" was reported in EnterBindings
        throw Error(1, 1, "The document has neither \"results\" nor \"boolean\".");
    }

    /// <summary>The next property name of the current object, or null at its end.</summary>
    private string? NextMember()
    {
        if (!_json.Read()) throw EndOfInput();
        if (_json.TokenType == JsonTokenType.EndObject) return null;
        return _json.String;
    }

    private void ReadHead()
    {
        long line = _json.TokenLine, column = _json.TokenColumn;
        _json.Read();
        if (_json.TokenType != JsonTokenType.StartObject) throw ErrorAtToken("\"head\" must be an object.");
        var variables = new List<string>();
        while (NextMember() is { } name)
        {
            _json.Read();
            if (name != "vars") { _json.SkipValue(); continue; }
            if (_json.TokenType != JsonTokenType.StartArray) throw ErrorAtToken("\"vars\" must be an array of strings.");
            while (_json.Read() && _json.TokenType != JsonTokenType.EndArray)
            {
                if (_json.TokenType != JsonTokenType.String) throw ErrorAtToken("\"vars\" must be an array of strings.");
                variables.Add(_json.String!);
            }
        }
        CheckDistinct(variables, line, column);
        _variables = variables;
        Variables = variables;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < variables.Count; i++) _index[variables[i]] = i;
    }

    /// <summary>Moves into "results" up to the first row of "bindings"; false when there is no "bindings".</summary>
    private bool EnterBindings()
    {
        _json.Read();
        if (_json.TokenType != JsonTokenType.StartObject) throw ErrorAtToken("\"results\" must be an object.");
        while (NextMember() is { } name)
        {
            _json.Read();
            if (name != "bindings") { _json.SkipValue(); continue; }
            if (_json.TokenType != JsonTokenType.StartArray) throw ErrorAtToken("\"bindings\" must be an array.");
            return true;
        }
        throw ErrorAtToken("\"results\" has no \"bindings\" array.");
    }

    private Term?[]? ReadStreamedRow()
    {
        if (!_json.Read()) throw EndOfInput();
        if (_json.TokenType == JsonTokenType.EndArray) return null;
        return ToRow(ReadRowAtToken());
    }

    /// <summary>After the rows: the rest of "results" and of the root object.</summary>
    private bool ReadRest()
    {
        if (_sawResults)
        {
            while (NextMember() is not null) { _json.Read(); _json.SkipValue(); } // rest of "results"
            _sawResults = false;
        }
        while (NextMember() is { } name)
        {
            _json.Read();
            if (name == "boolean") throw ErrorAtToken("A document cannot hold both \"boolean\" and \"results\".");
            _json.SkipValue();
        }
        return true;
    }

    private List<PendingRow> ReadResultsWhole()
    {
        var rows = new List<PendingRow>();
        if (!EnterBindings()) return rows;
        while (_json.Read() && _json.TokenType != JsonTokenType.EndArray) rows.Add(ReadRowAtToken());
        while (NextMember() is not null) { _json.Read(); _json.SkipValue(); }
        return rows;
    }

    private PendingRow ReadRowAtToken()
    {
        long line = _json.TokenLine, column = _json.TokenColumn;
        if (_json.TokenType != JsonTokenType.StartObject) throw ErrorAtToken("Each member of \"bindings\" must be an object.");
        var bindings = new List<(string, Term)>();
        while (NextMember() is { } variable)
        {
            _json.Read();
            bindings.Add((variable, ReadTerm()));
        }
        return new PendingRow(bindings, line, column);
    }

    private void HoldPending(List<PendingRow> pending)
    {
        _heldRows = new List<Term?[]>(pending.Count);
        foreach (var row in pending) _heldRows.Add(ToRow(row));
    }

    private Term?[] ToRow(PendingRow row)
    {
        var values = new Term?[_variables!.Count];
        foreach (var (name, term) in row.Bindings)
        {
            if (!_index!.TryGetValue(name, out int i)) throw Error(row.Line, row.Column, $"The binding for '{name}' names a variable the head does not declare.");
            if (values[i] is not null) throw Error(row.Line, row.Column, $"The variable '{name}' is bound twice in one result.");
            values[i] = term;
        }
        return values;
    }

    private Term ReadTerm()
    {
        long line = _json.TokenLine, column = _json.TokenColumn;
        if (_json.TokenType != JsonTokenType.StartObject) throw ErrorAtToken("A binding must be an object with \"type\" and \"value\".");
        string? type = null, value = null, language = null, datatype = null;
        while (NextMember() is { } name)
        {
            _json.Read();
            switch (name)
            {
                case "type": type = ReadString(name); break;
                case "value":
                    if (_json.TokenType == JsonTokenType.StartObject) throw ErrorAtToken("Triple terms (RDF-star) are not supported.");
                    value = ReadString(name);
                    break;
                case "xml:lang": language = ReadString(name); break;
                case "datatype": datatype = ReadString(name); break;
                default: _json.SkipValue(); break;
            }
        }
        if (type is null || value is null) throw Error(line, column, "A binding needs both \"type\" and \"value\".");
        switch (type)
        {
            case "uri":
                return new Iri(value);
            case "bnode":
                if (value.Length == 0) throw Error(line, column, "A blank node needs a non-empty label.");
                return BlankNodes.Get(value);
            case "literal":
            case "typed-literal": // the pre-1.1 spelling, still written by some services
                if (language is not null)
                {
                    if (language.Length == 0) throw Error(line, column, "\"xml:lang\" must not be empty.");
                    if (datatype is not null && datatype != RdfVocabulary.LangStringIri) throw Error(line, column, "A literal cannot have both a language tag and a datatype.");
                    return Literal.LangString(value, language);
                }
                if (datatype is null) return Literal.Simple(value);
                if (datatype == RdfVocabulary.LangStringIri) throw Error(line, column, "An rdf:langString literal needs \"xml:lang\".");
                return Literal.Typed(value, Xsd.Intern(datatype));
            case "triple":
                throw Error(line, column, "Triple terms (RDF-star) are not supported.");
            default:
                throw Error(line, column, $"Unknown binding type \"{type}\"; expected uri, literal or bnode.");
        }
    }

    private string ReadString(string member)
    {
        if (_json.TokenType != JsonTokenType.String) throw ErrorAtToken($"\"{member}\" must be a string.");
        return _json.String!;
    }

    private RdfSyntaxException ErrorAtToken(string message) => Error(_json.TokenLine, _json.TokenColumn, message);

    private RdfSyntaxException EndOfInput()
    {
        var (line, column) = _json.Position;
        return Error(line, column, "The JSON document ends too early.");
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
