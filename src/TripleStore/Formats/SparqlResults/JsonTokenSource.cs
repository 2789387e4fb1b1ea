using System.Buffers;
using System.Text;
using System.Text.Json;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// JSON tokens from a TextReader, read chunk by chunk: the text is transcoded to UTF-8 into a buffer and
/// Utf8JsonReader resumes across buffers through its state. Tracks the line and column of each token.
/// </summary>
internal sealed class JsonTokenSource
{
    private const int ChunkChars = 16 * 1024;

    private readonly TextReader _input;
    private readonly char[] _chars = new char[ChunkChars];
    private readonly Encoder _encoder = Encoding.UTF8.GetEncoder();
    private byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(ChunkChars) * 2];
    private int _start, _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });
    private long _line = 1, _column = 1;

    public JsonTokenSource(TextReader input) => _input = input;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>The text of a string or property name token.</summary>
    public string? String { get; private set; }

    public bool Boolean => TokenType == JsonTokenType.True;

    public long TokenLine { get; private set; } = 1;
    public long TokenColumn { get; private set; } = 1;

    /// <summary>The line and column where reading stopped, for errors found at the end of the input.</summary>
    public (long Line, long Column) Position => (_line, _column);

    /// <summary>Reads the next token; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_bytes.AsSpan(_start, _end - _start), _final, _state);
            bool got;
            try
            {
                got = reader.Read();
            }
            catch (JsonException e)
            {
                // The reader state carries the line across buffers, so the position is the document's
                // (the column counts bytes, which differs from characters only after non-ASCII text).
                throw new JsonPositionException((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, e.Message);
            }
            if (got)
            {
                Advance((int)reader.TokenStartIndex);
                TokenLine = _line;
                TokenColumn = _column;
                TokenType = reader.TokenType;
                String = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? reader.GetString() : null;
                Advance((int)reader.BytesConsumed - (int)reader.TokenStartIndex);
                _state = reader.CurrentState;
                return true;
            }
            if (_final) return false;
            Advance((int)reader.BytesConsumed);
            _state = reader.CurrentState;
            Refill();
        }
    }

    /// <summary>Skips the value whose first token was just read (a scalar, or a whole object or array).</summary>
    public void SkipValue()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        int depth = 1;
        while (depth > 0 && Read())
        {
            if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
            else if (TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
        }
    }

    private void Advance(int bytes)
    {
        for (int i = _start; i < _start + bytes; i++)
        {
            byte b = _bytes[i];
            if (b == (byte)'\n') { _line++; _column = 1; }
            else if ((b & 0xC0) != 0x80) _column++; // count characters, not UTF-8 continuation bytes
        }
        _start += bytes;
    }

    private void Refill()
    {
        // Keep the unread bytes (a token split across chunks) and append the next chunk after them.
        int kept = _end - _start;
        Buffer.BlockCopy(_bytes, _start, _bytes, 0, kept);
        _start = 0;
        _end = kept;
        int chars = _input.Read(_chars, 0, _chars.Length);
        if (chars == 0) _final = true;
        int needed = _end + Encoding.UTF8.GetMaxByteCount(chars);
        if (needed > _bytes.Length) Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
        _end += _encoder.GetBytes(_chars, 0, chars, _bytes, _end, flush: _final);
    }
}

/// <summary>A JSON syntax error with its position in the whole document.</summary>
internal sealed class JsonPositionException(long line, long column, string message) : Exception(message)
{
    public long Line { get; } = line;
    public long Column { get; } = column;
}
