using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Parses the lines of an N-Triples or N-Quads block straight from UTF-8 bytes into term ids, without
/// building strings or term objects for IRIs and plain literals: the dictionary form of such a term is
/// its bytes behind a form byte, so the parser hashes the bytes where they lie. A term is validated (UTF-8,
/// absolute IRI) and handed to the dictionary only the first time its id is met. Any line it is not sure
/// of (escapes, errors, unusual characters) it leaves to the full reader, which gives the same terms or the
/// exact error. One instance per thread.
/// </summary>
internal sealed class NTriplesBlockParser
{
    // The bytes that end the plain run of an IRI: controls, space and the characters IRIREF forbids.
    private static readonly SearchValues<byte> IriStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x21).Select(b => (byte)b), .. "<>\"{}|^`\\"u8]);
    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);
    private static readonly SearchValues<byte> QuoteOrEscape = SearchValues.Create("\"\\"u8);
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly bool _quads;
    private readonly int _maxTermLength;
    private readonly TermId _defaultGraph;
    private readonly BlankNodeScope _blankNodes;
    private readonly TermEncoder _encoder = new();

    // Ids already validated and sent to the dictionary by this parser (direct-mapped; a miss only repeats work).
    private readonly TermId[] _known = new TermId[1 << 18];
    // Blank node labels of this file, by a hash of the label, to the id of the node the scope gave them.
    private readonly UInt128[] _labelKeys = new UInt128[1 << 12];
    private readonly TermId[] _labelIds = new TermId[1 << 12];
    private byte[] _lastDatatype = [];
    private Iri? _lastDatatypeIri;

    public NTriplesBlockParser(bool quads, int maxTermLength, TermId defaultGraph, BlankNodeScope blankNodes)
    {
        _quads = quads;
        _maxTermLength = maxTermLength;
        _defaultGraph = defaultGraph;
        _blankNodes = blankNodes;
    }

    // Hot for the whole import: compiled fully optimized at once rather than starting from unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Parse(NTriplesBlock block)
    {
        _block = block;
        block.ResetOutputs();
        var data = block.Data.AsSpan(0, block.Length);
        int pos = block.Start;
        int line = 0;
        while (pos < data.Length)
        {
            var rest = data[pos..];
            int eol = rest.IndexOfAny(LineBreaks);
            int length = eol < 0 ? rest.Length : eol;
            int next = pos + length;
            bool terminated = eol >= 0;
            if (terminated)
            {
                next++;
                if (rest[eol] == '\r' && next < data.Length && data[next] == '\n') next++;
            }
            if (!ParseLine(block, data.Slice(pos, length)))
                block.Fallbacks.Add((line, pos, length, terminated));
            if (terminated) line++;
            pos = next;
        }
        block.LineBreaks = line;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpaces(Span<byte> line, int i)
    {
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        return i;
    }

    /// <summary>Parses one line without its break; false leaves it to the full reader.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ParseLine(NTriplesBlock block, Span<byte> line)
    {
        int i = SkipSpaces(line, 0);
        if (i == line.Length) return true;
        if (line[i] == '#') return Utf8.IsValid(line[(i + 1)..]);

        TermId subject, predicate, obj, graph = _defaultGraph;
        switch (line[i])
        {
            case (byte)'<': if (!ReadIri(line, ref i, out subject)) return false; break;
            case (byte)'_': if (!ReadBlankNode(line, ref i, out subject)) return false; break;
            default: return false;
        }
        i = SkipSpaces(line, i);
        if (i == line.Length || line[i] != '<' || !ReadIri(line, ref i, out predicate)) return false;
        i = SkipSpaces(line, i);
        if (i == line.Length) return false;
        switch (line[i])
        {
            case (byte)'<': if (!ReadIri(line, ref i, out obj)) return false; break;
            case (byte)'_': if (!ReadBlankNode(line, ref i, out obj)) return false; break;
            case (byte)'"': if (!ReadLiteral(line, ref i, out obj)) return false; break;
            default: return false;
        }
        i = SkipSpaces(line, i);
        if (i == line.Length) return false;
        if (_quads && line[i] != '.')
        {
            switch (line[i])
            {
                case (byte)'<': if (!ReadIri(line, ref i, out graph)) return false; break;
                case (byte)'_': if (!ReadBlankNode(line, ref i, out graph)) return false; break;
                default: return false;
            }
            i = SkipSpaces(line, i);
            if (i == line.Length) return false;
        }
        if (line[i] != '.') return false;
        i = SkipSpaces(line, i + 1);
        if (i < line.Length && (line[i] != '#' || !Utf8.IsValid(line[(i + 1)..]))) return false;
        // Sorted graph first, as the importer does: the default graph (id 0) comes out first.
        block.AddQuad(new QuadIds(graph, subject, predicate, obj));
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsKnown(TermId id) => _known[Slot(id)] == id;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Remember(TermId id) => _known[Slot(id)] = id;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(TermId id) => (int)((id.Low ^ (id.High >> 7)) & (ulong)(_known.Length - 1));

    /// <summary>The end (index of '>') of an IRI reference starting at <paramref name="open"/>, or -1.</summary>
    private int IriEnd(Span<byte> line, int open)
    {
        int run = line[(open + 1)..].IndexOfAny(IriStops);
        if (run < 0 || line[open + 1 + run] != '>' || run > _maxTermLength) return -1;
        return open + 1 + run;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadIri(Span<byte> line, ref int i, out TermId id)
    {
        id = default;
        int open = i;
        int close = IriEnd(line, open);
        if (close < 0) return false;
        // The dictionary form is the form byte and the IRI's UTF-8: hash it in place over the '<'.
        line[open] = TermSerializer.IriForm;
        id = TermEncoder.HashId(TermTag.Iri, line[open..close]);
        line[open] = (byte)'<';
        if (!IsKnown(id))
        {
            if (!IsValidIri(line[(open + 1)..close])) return false;
            Remember(id);
            _block!.AddEntry(id, TermSerializer.IriForm, line[(open + 1)..close]);
        }
        i = close + 1;
        return true;
    }

    /// <summary>Decodes and checks an IRI's text as N-Triples requires (valid UTF-8, absolute); null when it is not.</summary>
    private static string? ToIriText(ReadOnlySpan<byte> bytes)
    {
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        return IriSyntax.IsAbsoluteIri(text, out _) ? text : null;
    }

    /// <summary>
    /// Whether an IRI's bytes (a run free of <see cref="IriStops"/>) pass <see cref="ToIriText"/>'s checks. An
    /// ASCII IRI is checked on its bytes (a scheme, and two hex digits after every '%': the other characters
    /// an IRI may not hold are stops), without decoding it to a string; any other goes through the string check.
    /// </summary>
    private static bool IsValidIri(ReadOnlySpan<byte> bytes)
    {
        if (!Ascii.IsValid(bytes)) return ToIriText(bytes) is not null;
        int colon = bytes.IndexOf((byte)':');
        if (colon <= 0 || !char.IsAsciiLetter((char)bytes[0])) return false;
        for (int i = 1; i < colon; i++)
        {
            char c = (char)bytes[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        for (int at = 0; ;)
        {
            int percent = bytes[at..].IndexOf((byte)'%');
            if (percent < 0) return true;
            int i = at + percent;
            if (i + 2 >= bytes.Length || !char.IsAsciiHexDigit((char)bytes[i + 1]) || !char.IsAsciiHexDigit((char)bytes[i + 2])) return false;
            at = i + 1;
        }
    }

    private static Iri? ToIri(ReadOnlySpan<byte> bytes) => ToIriText(bytes) is { } text ? Xsd.Intern(text) : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadBlankNode(Span<byte> line, ref int i, out TermId id)
    {
        id = default;
        int colon = i + 1;
        if (colon >= line.Length || line[colon] != ':') return false;
        int start = colon + 1;
        if (start >= line.Length || !(char.IsAsciiLetterOrDigit((char)line[start]) || line[start] == '_')) return false;
        int j = start + 1;
        while (j < line.Length && (char.IsAsciiLetterOrDigit((char)line[j]) || line[j] is (byte)'_' or (byte)'-' or (byte)'.')) j++;
        // Other name characters are not ASCII: leave such labels to the full reader.
        if (j < line.Length && line[j] >= 0x80) return false;
        int end = j;
        while (line[end - 1] == '.') end--; // a label does not end with '.'
        if (end - start > _maxTermLength) return false;

        line[colon] = TermSerializer.BlankNodeForm;
        UInt128 key = XxHash128.HashToUInt128(line[colon..end]);
        line[colon] = (byte)':';
        int slot = (int)((ulong)key & (ulong)(_labelKeys.Length - 1));
        if (_labelKeys[slot] == key && _labelIds[slot] != default) id = _labelIds[slot];
        else
        {
            string label = Encoding.ASCII.GetString(line[start..end]);
            BlankNode node;
            lock (_blankNodes) node = _blankNodes.Get(label);
            id = EncodeTerm(node);
            _labelKeys[slot] = key;
            _labelIds[slot] = id;
        }
        i = end;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadLiteral(Span<byte> line, ref int i, out TermId id)
    {
        id = default;
        int open = i;
        int start = open + 1;
        int run = line[start..].IndexOfAny(QuoteOrEscape);
        if (run < 0 || line[start + run] != '"' || run > _maxTermLength) return false;
        var value = line.Slice(start, run);
        int after = start + run + 1;
        if (after < line.Length && line[after] == '@') return ReadLangString(line, value, after, ref i, out id);
        if (after < line.Length && line[after] == '^') return ReadTypedLiteral(line, value, after, ref i, out id);

        if (value.Length <= InlineLiteralCodec.MaxSmallString)
        {
            if (!Utf8.IsValid(value)) return false;
            Span<byte> packed = stackalloc byte[TermId.Size];
            packed.Clear();
            packed[0] = (byte)TermTag.SmallString;
            packed[1] = (byte)value.Length;
            value.CopyTo(packed[2..]);
            id = TermId.Read(packed);
        }
        else
        {
            line[open] = TermSerializer.SimpleLiteralForm;
            id = TermEncoder.HashId(TermTag.Literal, line[open..(start + run)]);
            line[open] = (byte)'"';
            if (!IsKnown(id))
            {
                if (!Utf8.IsValid(value)) return false;
                Remember(id);
                _block!.AddEntry(id, TermSerializer.SimpleLiteralForm, value);
            }
        }
        i = after;
        return true;
    }

    private bool ReadLangString(Span<byte> line, Span<byte> value, int at, ref int i, out TermId id)
    {
        id = default;
        int start = at + 1;
        int j = start;
        while (j < line.Length && char.IsAsciiLetter((char)line[j])) j++;
        if (j == start) return false;
        while (j < line.Length && line[j] == '-')
        {
            int k = j + 1;
            while (k < line.Length && char.IsAsciiLetterOrDigit((char)line[k])) k++;
            if (k == j + 1) return false;
            j = k;
        }
        if (j - start > _maxTermLength) return false;
        string text;
        try { text = StrictUtf8.GetString(value); }
        catch (DecoderFallbackException) { return false; }
        id = EncodeTerm(Literal.LangString(text, Encoding.ASCII.GetString(line[start..j])));
        i = j;
        return true;
    }

    private bool ReadTypedLiteral(Span<byte> line, Span<byte> value, int at, ref int i, out TermId id)
    {
        id = default;
        int open = at + 2;
        if (open >= line.Length || line[at + 1] != '^' || line[open] != '<') return false;
        int close = IriEnd(line, open);
        if (close < 0) return false;
        var datatypeBytes = line[(open + 1)..close];
        if (_lastDatatypeIri is null || !datatypeBytes.SequenceEqual(_lastDatatype))
        {
            var datatype = ToIri(datatypeBytes);
            if (datatype is null || datatype.Value == RdfVocabulary.LangStringIri) return false;
            _lastDatatype = datatypeBytes.ToArray();
            _lastDatatypeIri = datatype;
            // The datatype IRI is a term of its own in the dictionary only when used as one; nothing to add.
        }
        string text;
        try { text = StrictUtf8.GetString(value); }
        catch (DecoderFallbackException) { return false; }
        id = EncodeTerm(Literal.Typed(text, _lastDatatypeIri));
        i = close + 1;
        return true;
    }

    private TermId EncodeTerm(Term term)
    {
        var id = _encoder.Encode(term);
        if (!id.IsInline && !IsKnown(id))
        {
            Remember(id);
            _block!.AddEntry(id, _encoder.Serialized);
        }
        return id;
    }

    private NTriplesBlock? _block;
}
