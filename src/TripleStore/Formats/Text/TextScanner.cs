using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace TripleStore.Formats.Text;

/// <summary>
/// A buffered cursor over a <see cref="TextReader"/> with the token readers that N-Triples, N-Quads,
/// Turtle and TriG share. It reads the input in large blocks, so scanning is a loop over a char array
/// rather than a virtual call per character, and it keeps only the current block and the current token,
/// so memory does not depend on the size of the input.
/// </summary>
/// <remarks>
/// Lines are counted only where line breaks can occur (whitespace, comments, long strings), and the column
/// is computed from the absolute offset, so tracking the position costs nothing per ordinary character.
/// </remarks>
internal sealed class TextScanner
{
    public const int Eof = -1;

    // Vectorized searches for the characters that end the plain run of an IRI or a string.
    private static readonly SearchValues<char> IriStops = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        " <>\"{}|^`\\");
    private static readonly SearchValues<char> DoubleQuoteStops = SearchValues.Create("\"\\\n\r");
    private static readonly SearchValues<char> SingleQuoteStops = SearchValues.Create("'\\\n\r");

    private readonly TextReader _reader;
    private char[] _buf = new char[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;
    private long _bufStart;
    private long _line = 1;
    private long _lineStart;

    private char[] _token;
    private int _tokenLength;

    public TextScanner(TextReader reader, string? source, int maxTermLength)
    {
        _reader = reader;
        Source = source;
        MaxTermLength = Math.Max(1, maxTermLength);
        _token = new char[Math.Min(256, MaxTermLength)];
    }

    public string? Source { get; }

    /// <summary>
    /// Makes the input's first character count as line <paramref name="line"/>, column <paramref name="column"/>:
    /// for a reader that takes over a file part way through. Call before reading anything.
    /// </summary>
    public void StartAt(long line, long column)
    {
        // A start offset above zero also keeps a U+FEFF there from being taken for a byte-order mark.
        _bufStart = 1;
        _line = line;
        _lineStart = _bufStart - (column - 1);
    }

    public void Dispose() => _reader.Dispose();

    public int MaxTermLength { get; }

    public SourcePosition Position => new(Source, _line, _bufStart + _pos - _lineStart + 1);

    /// <summary>The text gathered by the last token reader.</summary>
    public ReadOnlySpan<char> Token => _token.AsSpan(0, _tokenLength);

    public int TokenLength => _tokenLength;

    public string TokenString() => new(_token, 0, _tokenLength);

    // ---- cursor -------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek() => _pos < _len ? _buf[_pos] : PeekSlow(0);

    /// <summary>The character <paramref name="offset"/> places ahead, without consuming anything.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int PeekAt(int offset) => _pos + offset < _len ? _buf[_pos + offset] : PeekSlow(offset);

    /// <summary>Consumes one character that is known not to be a line break.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance() => _pos++;

    public void Advance(int count) => _pos += count;

    private int PeekSlow(int offset)
    {
        while (_pos + offset >= _len)
        {
            if (_eof) return Eof;
            Fill();
        }
        return _buf[_pos + offset];
    }

    private void Fill()
    {
        if (_pos > 0)
        {
            int remaining = _len - _pos;
            if (remaining > 0) Array.Copy(_buf, _pos, _buf, 0, remaining);
            _bufStart += _pos;
            _len = remaining;
            _pos = 0;
        }
        if (_len == _buf.Length)
        {
            // Only a look-ahead across a whole block (a name with a very long run of dots) gets here.
            if (_buf.Length - (1 << 16) >= MaxTermLength) throw TooLarge();
            Array.Resize(ref _buf, _buf.Length * 2);
        }
        int read;
        try
        {
            read = _reader.Read(_buf, _len, _buf.Length - _len);
        }
        catch (DecoderFallbackException e)
        {
            // Report rather than let a replacement character change the data. The decoder cannot resume after
            // this, so in lenient mode the error is reported and the document ends there.
            var bytes = e.BytesUnknown is { Length: > 0 } unknown ? " (bytes " + Convert.ToHexString(unknown) + ")" : "";
            throw Error($"Invalid UTF-8{bytes} at or shortly after this position; the input must be UTF-8");
        }
        if (read <= 0) _eof = true;
        else
        {
            // A byte-order mark that reached us as text (from a TextReader that kept it) is not content.
            if (_bufStart == 0 && _len == 0 && _buf[0] == '\uFEFF') { _pos = 1; _lineStart = 1; }
            _len += read;
        }
    }

    /// <summary>Consumes a line break (LF, CR or CRLF) at the cursor and counts the line.</summary>
    public void ConsumeLineBreak()
    {
        int c = Peek();
        _pos++;
        if (c == '\r' && Peek() == '\n') _pos++;
        _line++;
        _lineStart = _bufStart + _pos;
    }

    /// <summary>Skips Turtle whitespace (space, tab, CR, LF) and comments.</summary>
    public void SkipWhitespaceAndComments()
    {
        while (true)
        {
            while (_pos < _len)
            {
                char c = _buf[_pos];
                if (c == ' ' || c == '\t') { _pos++; continue; }
                if (c == '\n' || c == '\r') { ConsumeLineBreak(); continue; }
                if (c == '#') { SkipComment(); continue; }
                return;
            }
            if (_eof) return;
            Fill();
        }
    }

    /// <summary>Skips spaces and tabs only: N-Triples statements end at a line break.</summary>
    public void SkipSpaces()
    {
        while (true)
        {
            while (_pos < _len)
            {
                char c = _buf[_pos];
                if (c != ' ' && c != '\t') return;
                _pos++;
            }
            if (_eof) return;
            Fill();
        }
    }

    /// <summary>Skips from '#' to the end of the line, leaving the line break.</summary>
    public void SkipComment()
    {
        while (true)
        {
            int c = Peek();
            if (c == Eof || c == '\n' || c == '\r') return;
            _pos++;
        }
    }

    public bool TryConsume(char c)
    {
        if (Peek() != c) return false;
        _pos++;
        return true;
    }

    /// <summary>
    /// Matches <paramref name="keyword"/> ignoring ASCII case when it is not followed by a name character,
    /// and consumes it.
    /// </summary>
    public bool TryConsumeKeyword(string keyword, bool ignoreCase, bool nameMayFollow = false)
    {
        for (int i = 0; i < keyword.Length; i++)
        {
            int c = PeekAt(i);
            if (c == Eof) return false;
            if (ignoreCase ? (c | 0x20) != (keyword[i] | 0x20) : c != keyword[i]) return false;
        }
        int next = PeekAt(keyword.Length);
        if (nameMayFollow)
        {
            if (next != Eof && (char.IsAsciiLetterOrDigit((char)next) || next == '-')) return false;
        }
        else if (next != Eof && (CharClasses.IsPnChars(next) || next == ':' || next == '.' && CharClasses.IsPnChars(PeekAt(keyword.Length + 1))))
            return false;
        _pos += keyword.Length;
        return true;
    }

    // ---- token text ---------------------------------------------------------------------------

    public void ClearToken() => _tokenLength = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(char c)
    {
        if (_tokenLength == _token.Length) Grow(1);
        _token[_tokenLength++] = c;
    }

    private void Append(char[] source, int start, int count)
    {
        if (count == 0) return;
        if (_tokenLength + count > _token.Length) Grow(count);
        Array.Copy(source, start, _token, _tokenLength, count);
        _tokenLength += count;
    }

    public void AppendCodePoint(int codePoint)
    {
        if (codePoint < 0x10000) Append((char)codePoint);
        else
        {
            codePoint -= 0x10000;
            Append((char)(0xD800 + (codePoint >> 10)));
            Append((char)(0xDC00 + (codePoint & 0x3FF)));
        }
    }

    private void Grow(int extra)
    {
        long needed = (long)_tokenLength + extra;
        if (needed > MaxTermLength) throw TooLarge();
        // Never beyond the limit, so that the check above sees every token that exceeds it.
        long size = Math.Min(Math.Max(needed, (long)_token.Length * 2), Math.Min(MaxTermLength, Array.MaxLength));
        Array.Resize(ref _token, (int)size);
    }

    // ---- errors -------------------------------------------------------------------------------

    private RdfSyntaxException TooLarge() => new(
        new RdfSyntaxError(Position, $"A literal, IRI or name is longer than the limit of {MaxTermLength} characters (MaxTermLength)."),
        ErrorCodes.InputTooLarge);

    public RdfSyntaxException Error(string message) => new(new RdfSyntaxError(Position, message));

    public RdfSyntaxException Error(SourcePosition position, string message) => new(new RdfSyntaxError(position, message));

    /// <summary>Describes what is at the cursor for an error message: a quoted token, "end of input" or "a line break".</summary>
    public string DescribeNext()
    {
        int c = Peek();
        if (c == Eof) return "end of input";
        if (c == '\n' || c == '\r') return "a line break";
        if (c == ' ' || c == '\t') return "whitespace";
        if (c < 0x20) return $"the control character U+{c:X4}";
        var sb = new StringBuilder();
        if (IsDelimiter(c)) return $"'{(char)c}'";
        for (int i = 0; i < 24; i++)
        {
            c = PeekAt(i);
            if (c == Eof || c <= 0x20 || (i > 0 && IsDelimiter(c))) break;
            sb.Append((char)c);
        }
        return $"'{sb}'";
    }

    private static bool IsDelimiter(int c) => c is '.' or ';' or ',' or '[' or ']' or '(' or ')' or '{' or '}' or '<' or '>' or '"';

    // ---- shared token readers -----------------------------------------------------------------

    /// <summary>Reads an IRIREF after its '&lt;' into the token, undoing \u and \U escapes.</summary>
    public void ReadIriRef()
    {
        _tokenLength = 0;
        while (true)
        {
            int start = _pos;
            int run = _buf.AsSpan(start, _len - start).IndexOfAny(IriStops);
            _pos = run < 0 ? _len : start + run;
            Append(_buf, start, _pos - start);
            if (_pos >= _len)
            {
                if (_eof) throw Error("Expected '>' to end the IRI, found end of input");
                Fill();
                continue;
            }
            char ch = _buf[_pos];
            if (ch == '>') { _pos++; return; }
            if (ch == '\\')
            {
                var at = Position;
                _pos++;
                int cp = ReadUnicodeEscape("an IRI");
                if (CharClasses.IsForbiddenInIri(cp))
                    throw Error(at, $"The escape in the IRI produces {DescribeChar(cp)}, which is not allowed in an IRI");
                AppendCodePoint(cp);
                continue;
            }
            throw Error($"{Capitalize(DescribeChar(ch))} is not allowed in an IRI; expected '>' to end it");
        }
    }

    /// <summary>Reads the rest of \uXXXX or \UXXXXXXXX after the backslash and returns the code point.</summary>
    public int ReadUnicodeEscape(string where)
    {
        int kind = Peek();
        int digits = kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
        if (digits == 0)
            throw Error($"Expected \\u or \\U escape in {where}, found {DescribeNext()}");
        _pos++;
        int value = 0;
        for (int i = 0; i < digits; i++)
        {
            int h = Peek();
            if (!CharClasses.IsHex(h))
                throw Error($"Expected {digits} hex digits in the \\{(char)kind} escape, found {DescribeNext()}");
            _pos++;
            if (value > 0x10FFFF >> 4) value = 0x110000; // keep checking digits, but remember it is too large
            else value = (value << 4) | CharClasses.HexValue(h);
        }
        if (value > 0x10FFFF) throw Error($"The \\U escape in {where} is beyond U+10FFFF");
        if (value is >= 0xD800 and <= 0xDFFF)
            throw Error($"The escape \\{(char)kind}{value:X4} in {where} is a surrogate code point, which is not a character");
        return value;
    }

    /// <summary>Reads the label of "_:label" (the cursor is after "_:") into the token.</summary>
    public void ReadBlankNodeLabel()
    {
        _tokenLength = 0;
        int c = Peek();
        if (!(CharClasses.IsPnCharsU(c) || CharClasses.IsDigit(c) || IsSurrogateNameStart(0)))
            throw Error($"Expected a blank node label after '_:', found {DescribeNext()}");
        AppendNameChar();
        while (true)
        {
            c = Peek();
            if (c == '.')
            {
                // A label cannot end with '.', so a dot belongs to it only when a name character follows the dots.
                int k = 1;
                while (PeekAt(k) == '.') k++;
                if (!IsNameCharAt(k)) return;
                for (int i = 0; i < k; i++) { Append('.'); _pos++; }
                continue;
            }
            if (!IsNameCharAt(0)) return;
            AppendNameChar();
        }
    }

    private bool IsNameCharAt(int offset)
    {
        int c = PeekAt(offset);
        return CharClasses.IsPnChars(c) || IsSurrogateNameStart(offset);
    }

    /// <summary>True when a surrogate pair at the offset encodes a name character (U+10000 to U+EFFFF).</summary>
    public bool IsSurrogateNameStart(int offset)
    {
        int hi = PeekAt(offset);
        if (!char.IsHighSurrogate((char)hi) || hi == Eof) return false;
        int lo = PeekAt(offset + 1);
        if (lo == Eof || !char.IsLowSurrogate((char)lo)) return false;
        return char.ConvertToUtf32((char)hi, (char)lo) <= 0xEFFFF;
    }

    /// <summary>Appends the name character at the cursor, both halves when it is a surrogate pair.</summary>
    public void AppendNameChar()
    {
        int c = Peek();
        Append((char)c);
        _pos++;
        if (char.IsHighSurrogate((char)c)) { Append((char)Peek()); _pos++; }
    }

    /// <summary>Reads a language tag after its '@' into the token.</summary>
    public void ReadLanguageTag()
    {
        _tokenLength = 0;
        if (!char.IsAsciiLetter((char)Math.Max(Peek(), 0)))
            throw Error($"Expected a language tag after '@', found {DescribeNext()}");
        while (Peek() is var c && c != Eof && char.IsAsciiLetter((char)c)) { Append((char)c); _pos++; }
        while (Peek() == '-')
        {
            int n = PeekAt(1);
            if (n == Eof || !char.IsAsciiLetterOrDigit((char)n))
                throw Error($"Expected letters or digits after '-' in the language tag, found {DescribeAt(1)}");
            Append('-');
            _pos++;
            while (Peek() is var c && c != Eof && char.IsAsciiLetterOrDigit((char)c)) { Append((char)c); _pos++; }
        }
    }

    private string DescribeAt(int offset)
    {
        int c = PeekAt(offset);
        return c == Eof ? "end of input" : DescribeChar(c);
    }

    /// <summary>
    /// Reads a single-line string after its opening quote into the token, undoing escapes.
    /// </summary>
    public void ReadShortString(char quote)
    {
        _tokenLength = 0;
        while (true)
        {
            int start = _pos;
            int run = _buf.AsSpan(start, _len - start).IndexOfAny(quote == '"' ? DoubleQuoteStops : SingleQuoteStops);
            _pos = run < 0 ? _len : start + run;
            Append(_buf, start, _pos - start);
            if (_pos >= _len)
            {
                if (_eof) throw Error($"Expected {quote} to end the string, found end of input");
                Fill();
                continue;
            }
            char ch = _buf[_pos];
            if (ch == quote) { _pos++; return; }
            if (ch == '\\') { _pos++; ReadStringEscape(); continue; }
            throw Error($"Expected {quote} to end the string, found a line break (use \\n, or a \"\"\"long string\"\"\")");
        }
    }

    /// <summary>Reads a triple-quoted string after its opening quotes into the token.</summary>
    public void ReadLongString(char quote)
    {
        _tokenLength = 0;
        while (true)
        {
            int start = _pos;
            int run = _buf.AsSpan(start, _len - start).IndexOfAny(quote == '"' ? DoubleQuoteStops : SingleQuoteStops);
            _pos = run < 0 ? _len : start + run;
            Append(_buf, start, _pos - start);
            if (_pos >= _len)
            {
                if (_eof) throw Error($"Expected {quote}{quote}{quote} to end the long string, found end of input");
                Fill();
                continue;
            }
            char ch = _buf[_pos];
            if (ch == quote)
            {
                if (PeekAt(1) == quote && PeekAt(2) == quote) { _pos += 3; return; }
                Append(quote);
                _pos++;
            }
            else if (ch == '\\') { _pos++; ReadStringEscape(); }
            else
            {
                // Keep the line break as written (CR, LF or CRLF) and count the line.
                Append(ch);
                if (ch == '\r' && PeekAt(1) == '\n') Append('\n');
                ConsumeLineBreak();
            }
        }
    }

    private void ReadStringEscape()
    {
        int c = Peek();
        switch (c)
        {
            case 't': Append('\t'); break;
            case 'b': Append('\b'); break;
            case 'n': Append('\n'); break;
            case 'r': Append('\r'); break;
            case 'f': Append('\f'); break;
            case '"': Append('"'); break;
            case '\'': Append('\''); break;
            case '\\': Append('\\'); break;
            case 'u':
            case 'U':
                AppendCodePoint(ReadUnicodeEscape("a string"));
                return;
            default:
                throw Error($"Unknown escape '\\{(c == Eof ? "" : ((char)c).ToString())}' in a string; expected one of \\t \\b \\n \\r \\f \\\" \\' \\\\ \\u \\U");
        }
        _pos++;
    }

    public static string DescribeChar(int c) =>
        c <= 0x20 || c == 0x7F || (c >= 0xD800 && c <= 0xDFFF) ? $"the character U+{c:X4}" : $"'{char.ConvertFromUtf32(c)}'";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
