using System.Globalization;
using System.Text;

namespace TripleStore.Sparql.Syntax;

/// <summary>Splits SPARQL text into tokens (SPARQL 1.1 section 19.8), tracking line and column.</summary>
internal sealed class SparqlLexer
{
    private readonly string _text;
    private readonly string? _source;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public SparqlLexer(string text, string? source)
    {
        _text = text;
        _source = source;
    }

    public TripleStoreException Error(int line, int column, string message) =>
        SparqlSyntax.Error(_source, line, column, message);

    public Token Next()
    {
        SkipWhitespaceAndComments();
        int line = _line, col = _pos - _lineStart + 1;
        if (_pos >= _text.Length) return new Token(TokenKind.EndOfInput, "", line, col);
        char c = _text[_pos];
        switch (c)
        {
            case '<':
                if (TryIriRef(out var iri)) return new Token(TokenKind.IriRef, iri, line, col);
                if (Peek(1) == '=') { _pos += 2; return Punct("<=", line, col); }
                _pos++;
                return Punct("<", line, col);
            case '>':
                if (Peek(1) == '=') { _pos += 2; return Punct(">=", line, col); }
                _pos++;
                return Punct(">", line, col);
            case '!':
                if (Peek(1) == '=') { _pos += 2; return Punct("!=", line, col); }
                _pos++;
                return Punct("!", line, col);
            case '&':
                if (Peek(1) == '&') { _pos += 2; return Punct("&&", line, col); }
                throw Error(line, col, "'&' must be written '&&'");
            case '|':
                if (Peek(1) == '|') { _pos += 2; return Punct("||", line, col); }
                _pos++;
                return Punct("|", line, col);
            case '^':
                if (Peek(1) == '^') { _pos += 2; return Punct("^^", line, col); }
                _pos++;
                return Punct("^", line, col);
            case '(':
            case '[':
            {
                int p = _pos + 1;
                while (p < _text.Length && IsWhitespace(_text[p])) p++;
                char close = c == '(' ? ')' : ']';
                if (p < _text.Length && _text[p] == close)
                {
                    Advance(p + 1 - _pos);
                    return new Token(c == '(' ? TokenKind.Nil : TokenKind.Anon, c == '(' ? "()" : "[]", line, col);
                }
                _pos++;
                return Punct(c.ToString(), line, col);
            }
            case ')': case ']': case '{': case '}': case ',': case ';': case '*': case '/': case '+': case '-': case '=':
                _pos++;
                return Punct(c.ToString(), line, col);
            case '.':
                if (char.IsAsciiDigit(Peek(1))) return Number(line, col);
                _pos++;
                return Punct(".", line, col);
            case '?':
            case '$':
            {
                int start = _pos + 1;
                int p = start;
                if (p < _text.Length && IsVarNameStart(_text[p]))
                {
                    p++;
                    while (p < _text.Length && IsVarNameChar(_text[p])) p++;
                    _pos = p;
                    return new Token(TokenKind.Variable, _text[start..p], line, col);
                }
                if (c == '$') throw Error(line, col, "'$' must be followed by a variable name");
                _pos++;
                return Punct("?", line, col);
            }
            case '@':
            {
                int start = ++_pos;
                while (_pos < _text.Length && char.IsAsciiLetter(_text[_pos])) _pos++;
                if (_pos == start) throw Error(line, col, "a language tag must follow '@'");
                while (_pos < _text.Length && _text[_pos] == '-' && _pos + 1 < _text.Length && char.IsAsciiLetterOrDigit(_text[_pos + 1]))
                {
                    _pos++;
                    while (_pos < _text.Length && char.IsAsciiLetterOrDigit(_text[_pos])) _pos++;
                }
                return new Token(TokenKind.LangTag, _text[start.._pos], line, col);
            }
            case '"':
            case '\'':
                return StringLiteral(c, line, col);
            case '_':
                if (Peek(1) == ':') return BlankNodeLabel(line, col);
                break;
            case ':':
                return PrefixedName(_pos, _pos, line, col);
        }
        if (char.IsAsciiDigit(c)) return Number(line, col);
        if (IsPnCharsBase(c)) return WordOrPrefixedName(line, col);
        throw Error(line, col, $"unexpected character '{c}' (U+{(int)c:X4})");
    }

    private static Token Punct(string p, int line, int col) => new(TokenKind.Punctuation, p, line, col);

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (_text[_pos] == '\n') { _line++; _lineStart = _pos + 1; }
            _pos++;
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private void SkipWhitespaceAndComments()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n') { _pos++; _line++; _lineStart = _pos; }
            else if (IsWhitespace(c)) _pos++;
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else break;
        }
    }

    private bool TryIriRef(out string iri)
    {
        int p = _pos + 1;
        var sb = new StringBuilder();
        while (p < _text.Length)
        {
            char c = _text[p];
            if (c == '>')
            {
                iri = sb.ToString();
                _pos = p + 1;
                return true;
            }
            if (c == '\\')
            {
                if (p + 1 < _text.Length && (_text[p + 1] == 'u' || _text[p + 1] == 'U'))
                {
                    int len = _text[p + 1] == 'u' ? 4 : 8;
                    if (!TryHex(p + 2, len, out var cp)) break;
                    sb.Append(char.ConvertFromUtf32(cp));
                    p += 2 + len;
                    continue;
                }
                break;
            }
            if (c <= 0x20 || c is '<' or '"' or '{' or '}' or '|' or '^' or '`') break;
            sb.Append(c);
            p++;
        }
        iri = "";
        return false;
    }

    private bool TryHex(int start, int len, out int value)
    {
        value = 0;
        if (start + len > _text.Length) return false;
        if (!int.TryParse(_text.AsSpan(start, len), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)) return false;
        return value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
    }

    private Token Number(int line, int col)
    {
        int start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        var kind = TokenKind.Integer;
        if (_pos < _text.Length && _text[_pos] == '.' && (_pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]) || IsExponentAt(_pos + 1)))
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            kind = TokenKind.Decimal;
        }
        if (IsExponentAt(_pos))
        {
            _pos++;
            if (_text[_pos] is '+' or '-') _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            kind = TokenKind.Double;
        }
        return new Token(kind, _text[start.._pos], line, col);
    }

    private bool IsExponentAt(int p)
    {
        if (p >= _text.Length || (_text[p] != 'e' && _text[p] != 'E')) return false;
        p++;
        if (p < _text.Length && _text[p] is '+' or '-') p++;
        return p < _text.Length && char.IsAsciiDigit(_text[p]);
    }

    private Token StringLiteral(char quote, int line, int col)
    {
        bool isLong = Peek(1) == quote && Peek(2) == quote;
        _pos += isLong ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error(line, col, "the string is not closed");
            char c = _text[_pos];
            if (isLong)
            {
                if (c == quote && Peek(1) == quote && Peek(2) == quote)
                {
                    // """a"""" ends with the last three quotes: extra quotes belong to the content.
                    while (Peek(3) == quote) { sb.Append(quote); _pos++; }
                    _pos += 3;
                    break;
                }
            }
            else
            {
                if (c == quote) { _pos++; break; }
                if (c is '\n' or '\r') throw Error(_line, _pos - _lineStart + 1, "a line break is not allowed in a short string; use \\n or a long string");
            }
            if (c == '\\')
            {
                int escLine = _line, escCol = _pos - _lineStart + 1;
                char e = Peek(1);
                switch (e)
                {
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'f': sb.Append('\f'); break;
                    case '"': sb.Append('"'); break;
                    case '\'': sb.Append('\''); break;
                    case '\\': sb.Append('\\'); break;
                    case 'u':
                    case 'U':
                    {
                        int len = e == 'u' ? 4 : 8;
                        if (!TryHex(_pos + 2, len, out var cp)) throw Error(escLine, escCol, "bad \\u escape in string");
                        sb.Append(char.ConvertFromUtf32(cp));
                        _pos += 2 + len;
                        continue;
                    }
                    default:
                        throw Error(escLine, escCol, $"unknown escape '\\{e}' in string");
                }
                _pos += 2;
                continue;
            }
            if (c == '\n') { _line++; _lineStart = _pos + 1; }
            sb.Append(c);
            _pos++;
        }
        return new Token(TokenKind.String, sb.ToString(), line, col);
    }

    private Token BlankNodeLabel(int line, int col)
    {
        _pos += 2;
        int start = _pos;
        if (_pos >= _text.Length || !(IsPnCharsU(_text[_pos]) || char.IsAsciiDigit(_text[_pos])))
            throw Error(line, col, "a blank node label must follow '_:'");
        _pos++;
        while (_pos < _text.Length && (IsPnChars(_text[_pos]) || _text[_pos] == '.')) _pos++;
        while (_text[_pos - 1] == '.') _pos--;
        return new Token(TokenKind.BlankNodeLabel, _text[start.._pos], line, col);
    }

    private Token WordOrPrefixedName(int line, int col)
    {
        int start = _pos;
        int p = _pos + 1;
        while (p < _text.Length && (IsPnChars(_text[p]) || _text[p] == '.')) p++;
        int end = p;
        while (_text[end - 1] == '.') end--;
        if (end < _text.Length && _text[end] == ':') return PrefixedName(start, end, line, col);
        // A keyword or function name: letters, digits and '_'.
        p = _pos;
        while (p < _text.Length && (char.IsAsciiLetterOrDigit(_text[p]) || _text[p] == '_')) p++;
        if (p == _pos) throw Error(line, col, $"unexpected character '{_text[_pos]}'");
        _pos = p;
        return new Token(TokenKind.Word, _text[start..p], line, col);
    }

    /// <summary>Reads PNAME_NS or PNAME_LN; <paramref name="colon"/> is the position of the ':'.</summary>
    private Token PrefixedName(int start, int colon, int line, int col)
    {
        string prefix = _text[start..colon];
        _pos = colon + 1;
        var local = new StringBuilder();
        int lastGood = _pos;
        int lastGoodLen = 0;
        bool first = true;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '%')
            {
                if (_pos + 2 < _text.Length && char.IsAsciiHexDigit(_text[_pos + 1]) && char.IsAsciiHexDigit(_text[_pos + 2]))
                {
                    local.Append(_text, _pos, 3);
                    _pos += 3;
                }
                else throw Error(_line, _pos - _lineStart + 1, "'%' in a local name must be followed by two hex digits");
            }
            else if (c == '\\')
            {
                char e = Peek(1);
                if ("_~.-!$&'()*+,;=/?#@%".IndexOf(e) < 0) throw Error(_line, _pos - _lineStart + 1, $"'\\{e}' is not a valid local name escape");
                local.Append(e);
                _pos += 2;
            }
            else if (first ? (IsPnCharsU(c) || c == ':' || char.IsAsciiDigit(c)) : (IsPnChars(c) || c == ':' || c == '.'))
            {
                local.Append(c);
                _pos++;
            }
            else break;
            first = false;
            if (c != '.') { lastGood = _pos; lastGoodLen = local.Length; }
        }
        // A local name cannot end with '.': give trailing dots back to the stream.
        _pos = lastGood;
        local.Length = lastGoodLen;
        return new Token(TokenKind.PrefixedName, prefix, line, col, local.ToString());
    }

    private static bool IsPnCharsBase(char c) =>
        char.IsAsciiLetter(c)
        || (c >= '\u00C0' && c <= '\u00D6') || (c >= '\u00D8' && c <= '\u00F6') || (c >= '\u00F8' && c <= '\u02FF')
        || (c >= '\u0370' && c <= '\u037D') || (c >= '\u037F' && c <= '\u1FFF') || (c >= '\u200C' && c <= '\u200D')
        || (c >= '\u2070' && c <= '\u218F') || (c >= '\u2C00' && c <= '\u2FEF') || (c >= '\u3001' && c <= '\uD7FF')
        || (c >= '\uF900' && c <= '\uFDCF') || (c >= '\uFDF0' && c <= '\uFFFD') || char.IsSurrogate(c);

    private static bool IsPnCharsU(char c) => IsPnCharsBase(c) || c == '_';

    private static bool IsPnChars(char c) =>
        IsPnCharsU(c) || c == '-' || char.IsAsciiDigit(c) || c == '\u00B7' || (c >= '\u0300' && c <= '\u036F') || (c >= '\u203F' && c <= '\u2040');

    private static bool IsVarNameStart(char c) => IsPnCharsU(c) || char.IsAsciiDigit(c);

    private static bool IsVarNameChar(char c) =>
        IsPnCharsU(c) || char.IsAsciiDigit(c) || c == '\u00B7' || (c >= '\u0300' && c <= '\u036F') || (c >= '\u203F' && c <= '\u2040');
}
