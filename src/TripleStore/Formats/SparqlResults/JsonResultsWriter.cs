using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>SPARQL 1.1 Query Results JSON Format, written with Utf8JsonWriter and passed on to the text output in chunks.</summary>
internal sealed class JsonResultsWriter : SparqlResultsWriter
{
    private const int ChunkSize = 32 * 1024;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkSize * 2);
    private readonly Utf8JsonWriter _json;
    private readonly BlankNodeLabels _labels = new();
    private string[] _variables = [];
    private JsonEncodedText[] _encodedVariables = [];

    public JsonResultsWriter(TextWriter output) : base(output)
    {
        // Results are data, not HTML: keep non-ASCII text readable instead of \u-escaping it.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
    }

    private protected override void WriteBooleanCore(bool value)
    {
        _json.WriteStartObject();
        _json.WriteStartObject("head");
        _json.WriteEndObject();
        _json.WriteBoolean("boolean", value);
        _json.WriteEndObject();
    }

    private protected override void WriteHeaderCore(IReadOnlyList<string> variables)
    {
        _variables = [.. variables];
        _encodedVariables = _variables.Select(v => JsonEncodedText.Encode(v, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        _json.WriteStartObject();
        _json.WriteStartObject("head");
        _json.WriteStartArray("vars");
        foreach (var v in _encodedVariables) _json.WriteStringValue(v);
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteStartObject("results");
        _json.WriteStartArray("bindings");
    }

    private protected override void WriteRowCore(ReadOnlySpan<Term?> row)
    {
        _json.WriteStartObject();
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not { } term) continue;
            _json.WriteStartObject(_encodedVariables[i]);
            switch (term)
            {
                case Iri iri:
                    _json.WriteString("type", "uri");
                    _json.WriteString("value", iri.Value);
                    break;
                case BlankNode b:
                    _json.WriteString("type", "bnode");
                    _json.WriteString("value", _labels.Get(b));
                    break;
                case Literal l:
                    _json.WriteString("type", "literal");
                    _json.WriteString("value", l.Value);
                    if (l.Language is not null) _json.WriteString("xml:lang", l.Language);
                    else if (!l.IsSimple) _json.WriteString("datatype", l.Datatype.Value);
                    break;
            }
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        if (_json.BytesPending + _buffer.WrittenCount >= ChunkSize) Drain();
    }

    private protected override void FinishCore()
    {
        if (_variables is not null && _json.CurrentDepth > 0)
        {
            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.WriteEndObject();
        }
        Drain();
        Output.Write('\n');
    }

    private void Drain()
    {
        _json.Flush();
        var bytes = _buffer.WrittenSpan;
        if (bytes.Length == 0) return;
        // Chunks end between JSON tokens, so no UTF-8 sequence is split.
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(bytes.Length));
        try
        {
            int n = Encoding.UTF8.GetChars(bytes, chars);
            Output.Write(chars, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        _buffer.ResetWrittenCount();
    }
}
