using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Parses a block of whole Turtle statements straight from UTF-8 bytes into term ids. IRIs, prefixed names
/// and plain literals are hashed where they lie (a prefixed name after its namespace's bytes), over exactly
/// the dictionary form the term would get, so the ids are those the full reader's terms get. Directives,
/// blank node labels, '[ ]' property lists and '( )' collections are handled here too. Any statement it is
/// not sure of (escapes in names, non-ASCII names, errors, a statement cut by the block's end) stops the block
/// there: the importer hands the rest of the file to the full reader, which gives the same terms or the
/// exact error. One instance per thread.
/// </summary>
internal sealed class TurtleBlockParser
{
    // The bytes that end the plain run of an IRI: controls, space and the characters IRIREF forbids.
    private static readonly SearchValues<byte> IriStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x21).Select(b => (byte)b), .. "<>\"{}|^`\\"u8]);
    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);
    private static readonly SearchValues<byte> ShortDoubleStops = SearchValues.Create("\"\\\r\n"u8);
    private static readonly SearchValues<byte> ShortSingleStops = SearchValues.Create("'\\\r\n"u8);
    private static readonly SearchValues<byte> LongDoubleStops = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> LongSingleStops = SearchValues.Create("'\\"u8);
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private static readonly Rdf.Literal True = Rdf.Literal.Typed("true", Xsd.Boolean);
    private static readonly Rdf.Literal False = Rdf.Literal.Typed("false", Xsd.Boolean);

    // Deeper nesting is left to the full reader, which also enforces MaxNestingDepth; this keeps the
    // recursion here shallow.
    private const int DeepestNesting = 64;

    private readonly int _maxTermLength;
    private readonly int _maxNesting;
    private readonly TermId _graph;
    private readonly BlankNodeScope _blankNodes;
    private readonly TermEncoder _encoder = new();
    private readonly Unsure _unsure = new();

    // Ids whose dictionary entry this block already carries (direct-mapped; a miss only repeats work). Tagged with
    // the block's generation, so every block carries all its own entries and a block parsed again under other
    // declarations (or dropped) leaves nothing behind.
    private readonly TermId[] _known = new TermId[1 << 16];
    private readonly int[] _knownGeneration = new int[1 << 16];
    private int _generation;

    // Blank node labels of this file, by a hash of the label, to the node's id and dictionary form.
    private readonly UInt128[] _labelKeys = new UInt128[1 << 12];
    private readonly TermId[] _labelIds = new TermId[1 << 12];
    private readonly byte[][] _labelForms = new byte[1 << 12][];

    private readonly TermId _type, _first, _rest, _nil, _true, _false;
    private readonly byte[] _typeForm, _firstForm, _restForm, _nilForm;

    private byte[] _d = [];
    private int _p;
    private int _end;
    private bool _last;
    private TurtleBlock? _block;
    private TurtleDirectives _state = TurtleDirectives.Initial(null);

    // The namespace of the prefix met last, under the declarations it was looked up in.
    private byte[] _lastPrefix = [];
    private TurtleNamespace? _lastNamespace;
    private TurtleDirectives? _lastNamespaceState;

    // The datatype written last (its bytes as written), under the declarations it was resolved in.
    private byte[] _lastDatatype = [];
    private Iri? _lastDatatypeIri;
    private TurtleDirectives? _lastDatatypeState;

    private byte[] _scratch = new byte[256];
    private int _scratchLength;
    private byte[] _value = new byte[256];
    private int _valueLength;

    public TurtleBlockParser(int maxTermLength, int maxNesting, TermId graph, BlankNodeScope blankNodes)
    {
        _maxTermLength = Math.Max(1, maxTermLength);
        _maxNesting = Math.Min(Math.Max(0, maxNesting), DeepestNesting);
        _graph = graph;
        _blankNodes = blankNodes;
        (_type, _typeForm) = Constant(RdfVocabulary.Type);
        (_first, _firstForm) = Constant(RdfVocabulary.First);
        (_rest, _restForm) = Constant(RdfVocabulary.Rest);
        (_nil, _nilForm) = Constant(RdfVocabulary.Nil);
        _true = _encoder.Encode(True);
        _false = _encoder.Encode(False);
    }

    private (TermId, byte[]) Constant(Term term)
    {
        var id = _encoder.Encode(term);
        return (id, _encoder.Serialized.ToArray());
    }

    private sealed class Unsure : Exception
    {
        public Unsure() : base("The byte parser leaves this statement to the full reader.") { }
    }

    /// <summary>
    /// Parses the block's statements under the declarations <paramref name="start"/>, up to its end or the
    /// first statement it leaves to the full reader (<see cref="TurtleBlock.FallbackAt"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Parse(TurtleBlock block, TurtleDirectives start)
    {
        block.ResetOutputs();
        block.StartState = start;
        _block = block;
        _state = start;
        _d = block.Data;
        _end = block.Length;
        _p = block.Start;
        _last = block.IsLast;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_knownGeneration);
            _generation = 1;
        }
        while (true)
        {
            int statement = _p, quads = block.QuadCount, entries = block.EntriesLength;
            try
            {
                SkipSpace();
                if (_p >= _end) break;
                statement = _p;
                Statement();
            }
            catch (Unsure)
            {
                block.QuadCount = quads;
                block.EntriesLength = entries;
                block.FallbackAt = statement;
                block.FallbackLine = block.CountLineBreaks(block.Start, statement);
                int lineStart = block.Data.AsSpan(block.Start, statement - block.Start).LastIndexOfAny(LineBreaks) + 1 + block.Start;
                block.FallbackColumn = 1 + Encoding.UTF8.GetCharCount(block.Data, lineStart, statement - lineStart);
                break;
            }
        }
        block.EndState = _state;
        block.LineBreaks = block.CountLineBreaks(block.Start, block.Length);
        _block = null;
    }

    /// <summary>
    /// The declarations made by the directives that open the block (before its first triple); the importer
    /// assumes them for the blocks that follow, and checks that assumption as blocks come back in order.
    /// </summary>
    public TurtleDirectives ReadPrologue(TurtleBlock block, TurtleDirectives start)
    {
        _state = start;
        _d = block.Data;
        _end = block.Length;
        _p = block.Start;
        _last = block.IsLast;
        try
        {
            while (true)
            {
                SkipSpace();
                if (_p >= _end || !TryDirective()) break;
            }
        }
        catch (Unsure) { }
        return _state;
    }

    // ---- cursor -------------------------------------------------------------------------------

    /// <summary>The byte at <paramref name="i"/>; -1 past the end of the file; unsure past the end of a block (the statement was cut).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int At(int i)
    {
        if (i < _end) return _d[i];
        if (_last) return -1;
        throw _unsure;
    }

    private void Expect(byte c)
    {
        if (At(_p) != c) throw _unsure;
        _p++;
    }

    /// <summary>Skips whitespace and comments (whose bytes must be UTF-8, as the full reader decodes them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipSpace()
    {
        while (_p < _end)
        {
            byte c = _d[_p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { _p++; continue; }
            if (c == '#') { SkipComment(); continue; }
            return;
        }
    }

    private void SkipComment()
    {
        int run = _d.AsSpan(_p, _end - _p).IndexOfAny(LineBreaks);
        if (run < 0 && !_last) throw _unsure;
        int end = run < 0 ? _end : _p + run;
        if (!Utf8.IsValid(_d.AsSpan(_p + 1, end - _p - 1))) throw _unsure;
        _p = end;
    }

    private static bool IsLetter(int c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    private static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    // PN_CHARS restricted to ASCII; callers leave other bytes to the full reader.
    private static bool IsNameChar(int c) => IsLetter(c) || IsDigit(c) || c == '_' || c == '-';

    private static bool IsHex(int c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;

    private static bool IsSpace(int c) => c is ' ' or '\t' or '\n' or '\r';

    // ---- statements ---------------------------------------------------------------------------

    private void Statement()
    {
        if (TryDirective()) return;
        int c = _d[_p];
        TermId subject;
        if (c == '[')
        {
            _p++;
            SkipSpace();
            subject = Anonymous();
            if (At(_p) == ']') _p++;
            else
            {
                PropertyListBody(subject, 1);
                SkipSpace();
                if (At(_p) == '.')
                {
                    _p++;
                    return;
                }
            }
        }
        else if (c == '(')
        {
            _p++;
            subject = Collection(1);
        }
        else subject = Subject();
        SkipSpace();
        PredicateObjectList(subject, '.', 0);
        SkipSpace();
        Expect((byte)'.');
    }

    /// <summary>Reads a directive when one starts here; false when a triple does.</summary>
    private bool TryDirective()
    {
        int c = _d[_p];
        if (c == '@')
        {
            if (Keyword("@prefix") && IsSpace(At(_p + 7))) { _p += 7; Prefix(sparql: false); return true; }
            if (Keyword("@base") && IsSpace(At(_p + 5))) { _p += 5; Base(sparql: false); return true; }
            throw _unsure;
        }
        if ((c | 0x20) == 'p' && Keyword("prefix"))
        {
            int next = At(_p + 6);
            if (IsSpace(next)) { _p += 6; Prefix(sparql: true); return true; }
            if (!(IsNameChar(next) || next == ':')) throw _unsure;
        }
        else if ((c | 0x20) == 'b' && Keyword("base"))
        {
            int next = At(_p + 4);
            if (IsSpace(next) || next == '<') { _p += 4; Base(sparql: true); return true; }
            if (!(IsNameChar(next) || next == ':')) throw _unsure;
        }
        return false;
    }

    /// <summary>True when <paramref name="word"/> is at the cursor, ignoring ASCII case after an '@'.</summary>
    private bool Keyword(string word)
    {
        for (int i = 0; i < word.Length; i++)
        {
            int c = At(_p + i);
            if (word[0] == '@' ? c != word[i] : (c | 0x20) != word[i]) return false;
        }
        return true;
    }

    private void Prefix(bool sparql)
    {
        SkipSpace();
        int start = _p;
        if (At(_p) != ':')
        {
            if (!IsLetter(At(_p))) throw _unsure;
            _p++;
            SkipPrefixPart();
        }
        string prefix = Encoding.ASCII.GetString(_d, start, _p - start);
        Expect((byte)':');
        SkipSpace();
        if (At(_p) != '<') throw _unsure;
        string ns = IriText();
        if (!sparql)
        {
            SkipSpace();
            Expect((byte)'.');
        }
        _state = _state.WithPrefix(prefix, ns);
    }

    private void Base(bool sparql)
    {
        SkipSpace();
        if (At(_p) != '<') throw _unsure;
        string iri = IriText();
        if (!sparql)
        {
            SkipSpace();
            Expect((byte)'.');
        }
        _state = _state.WithBase(iri);
    }

    /// <summary>A verb and its objects, then more after ';', up to (not over) <paramref name="closer"/>.</summary>
    private void PredicateObjectList(TermId subject, char closer, int depth)
    {
        var predicate = Verb();
        SkipSpace();
        ObjectList(subject, predicate, depth);
        while (true)
        {
            SkipSpace();
            if (At(_p) != ';') return;
            while (At(_p) == ';')
            {
                _p++;
                SkipSpace();
            }
            if (At(_p) == closer) return;
            predicate = Verb();
            SkipSpace();
            ObjectList(subject, predicate, depth);
        }
    }

    private void ObjectList(TermId subject, TermId predicate, int depth)
    {
        Object(subject, predicate, depth);
        while (true)
        {
            SkipSpace();
            if (At(_p) != ',') return;
            _p++;
            SkipSpace();
            Object(subject, predicate, depth);
        }
    }

    private void Object(TermId subject, TermId predicate, int depth)
    {
        int c = At(_p);
        if (c == '[')
        {
            _p++;
            SkipSpace();
            var node = Anonymous();
            Emit(subject, predicate, node);
            if (At(_p) == ']') _p++;
            else PropertyListBody(node, depth + 1);
            return;
        }
        if (c == '(')
        {
            _p++;
            Emit(subject, predicate, Collection(depth + 1));
            return;
        }
        Emit(subject, predicate, AtomicObject());
    }

    /// <summary>The inside of a non-empty '[ ... ]' and its ']'.</summary>
    private void PropertyListBody(TermId node, int depth)
    {
        if (depth > _maxNesting) throw _unsure;
        PredicateObjectList(node, ']', depth);
        SkipSpace();
        Expect((byte)']');
    }

    /// <summary>The items of a collection after its '(' and its ')'; returns the head node, or rdf:nil when empty.</summary>
    private TermId Collection(int depth)
    {
        if (depth > _maxNesting) throw _unsure;
        TermId head = default, tail = default;
        bool any = false;
        while (true)
        {
            SkipSpace();
            int c = At(_p);
            if (c == ')')
            {
                _p++;
                if (!any) return Ensure(_nil, _nilForm);
                Emit(tail, Ensure(_rest, _restForm), Ensure(_nil, _nilForm));
                return head;
            }
            var node = Anonymous();
            if (!any)
            {
                head = node;
                any = true;
            }
            else Emit(tail, Ensure(_rest, _restForm), node);
            tail = node;
            var first = Ensure(_first, _firstForm);
            if (c == '[')
            {
                _p++;
                SkipSpace();
                var inner = Anonymous();
                Emit(node, first, inner);
                if (At(_p) == ']') _p++;
                else PropertyListBody(inner, depth + 1);
            }
            else if (c == '(')
            {
                _p++;
                Emit(node, first, Collection(depth + 1));
            }
            else Emit(node, first, AtomicObject());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(TermId subject, TermId predicate, TermId obj) =>
        // Sorted graph first, as the importer does: the default graph (id 0) comes out first.
        _block!.AddQuad(new QuadIds(_graph, subject, predicate, obj));

    // ---- terms --------------------------------------------------------------------------------

    private TermId Subject()
    {
        int c = At(_p);
        if (c == '<') return IriRef();
        if (c == '_' && At(_p + 1) == ':') return BlankNodeLabel();
        if (c == ':' || IsLetter(c))
        {
            if (PrefixedName(out var id)) return id;
        }
        throw _unsure;
    }

    private TermId Verb()
    {
        int c = At(_p);
        if (c == '<') return IriRef();
        if (c == 'a')
        {
            int next = At(_p + 1);
            if (next >= 0x80 || next == '.') throw _unsure;
            if (!(IsNameChar(next) || next == ':'))
            {
                _p++;
                return Ensure(_type, _typeForm);
            }
        }
        if (c == ':' || IsLetter(c))
        {
            if (PrefixedName(out var id)) return id;
        }
        throw _unsure;
    }

    private TermId AtomicObject()
    {
        int c = At(_p);
        switch (c)
        {
            case '<':
                return IriRef();
            case '"':
            case '\'':
                return QuotedLiteral();
            case '_':
                if (At(_p + 1) == ':') return BlankNodeLabel();
                throw _unsure;
            case >= '0' and <= '9':
                return Number();
            case '.' when IsDigit(At(_p + 1)):
                return Number();
            case '+' or '-' when IsDigit(At(_p + 1)) || (At(_p + 1) == '.' && IsDigit(At(_p + 2))):
                return Number();
        }
        if (c == ':' || IsLetter(c))
        {
            int start = _p;
            if (PrefixedName(out var id)) return id;
            var word = _d.AsSpan(start, _p - start);
            if (word.SequenceEqual("true"u8)) return _true;
            if (word.SequenceEqual("false"u8)) return _false;
        }
        throw _unsure;
    }

    /// <summary>Whether <paramref name="id"/>'s dictionary entry is already in this block; adds it otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TermId Ensure(TermId id, ReadOnlySpan<byte> form)
    {
        int slot = Slot(id);
        if (_knownGeneration[slot] != _generation || _known[slot] != id)
        {
            _known[slot] = id;
            _knownGeneration[slot] = _generation;
            _block!.AddEntry(id, form);
        }
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsKnown(TermId id)
    {
        int slot = Slot(id);
        return _knownGeneration[slot] == _generation && _known[slot] == id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(TermId id) => (int)((id.Low ^ (id.High >> 7)) & (ulong)(_known.Length - 1));

    private TermId EncodeTerm(Term term)
    {
        var id = _encoder.Encode(term);
        return id.IsInline ? id : Ensure(id, _encoder.Serialized);
    }

    private TermId Anonymous() => EncodeTerm(_blankNodes.CreateAnonymous());

    /// <summary>An IRI reference at its '&lt;'. Absolute ones are hashed in place; relative ones are resolved against the base.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TermId IriRef()
    {
        int open = _p;
        int close = IriEnd(open);
        var text = _d.AsSpan(open + 1, close - open - 1);
        if (!HasScheme(text)) return EncodeTerm(Xsd.Intern(IriText()));
        // The dictionary form is the form byte and the IRI's UTF-8: hash it in place over the '<'.
        _d[open] = TermSerializer.IriForm;
        var form = _d.AsSpan(open, close - open);
        var id = TermEncoder.HashId(TermTag.Iri, form);
        bool valid = IsKnown(id) || CheckedIriText(text) is not null;
        if (valid) Ensure(id, form);
        _d[open] = (byte)'<';
        if (!valid) throw _unsure;
        _p = close + 1;
        return id;
    }

    /// <summary>The index of the '>' that ends the IRI reference opened at <paramref name="open"/>; unsure on anything else.</summary>
    private int IriEnd(int open)
    {
        int run = _d.AsSpan(open + 1, _end - open - 1).IndexOfAny(IriStops);
        if (run < 0 || _d[open + 1 + run] != '>' || run > _maxTermLength) throw _unsure;
        return open + 1 + run;
    }

    /// <summary>The IRI an IRI reference at the cursor names, resolved against the base and checked as the full reader does.</summary>
    private string IriText()
    {
        int open = _p;
        int close = IriEnd(open);
        string text;
        try { text = StrictUtf8.GetString(_d, open + 1, close - open - 1); }
        catch (DecoderFallbackException) { throw _unsure; }
        string value;
        if (HasScheme(text)) value = text;
        else
        {
            if (_state.Base is null) throw _unsure;
            value = IriResolver.Resolve(_state.Base, text);
        }
        if (!IriSyntax.IsAbsoluteIri(value, out _)) throw _unsure;
        _p = close + 1;
        return value;
    }

    private static string? CheckedIriText(ReadOnlySpan<byte> bytes)
    {
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        return IriSyntax.IsAbsoluteIri(text, out _) ? text : null;
    }

    private static bool HasScheme(ReadOnlySpan<byte> text)
    {
        if (text.Length == 0 || !IsLetter(text[0])) return false;
        for (int i = 1; i < text.Length; i++)
        {
            byte c = text[i];
            if (c == ':') return true;
            if (!(IsLetter(c) || IsDigit(c) || c is (byte)'+' or (byte)'-' or (byte)'.')) return false;
        }
        return false;
    }

    private static bool HasScheme(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0])) return false;
        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ':') return true;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return false;
    }

    /// <summary>Skips the rest of PN_PREFIX after its first letter: name characters, and dots followed by one.</summary>
    private void SkipPrefixPart()
    {
        while (true)
        {
            int c = At(_p);
            if (c == '.')
            {
                int k = 1;
                while (At(_p + k) == '.') k++;
                int next = At(_p + k);
                if (next >= 0x80) throw _unsure;
                if (!IsNameChar(next)) return;
                _p += k;
                continue;
            }
            if (c >= 0x80) throw _unsure;
            if (!IsNameChar(c)) return;
            _p++;
        }
    }

    /// <summary>
    /// Reads a prefixed name at the cursor (ASCII only, no '\' escapes) and returns its IRI's id; false when
    /// no ':' follows the first word (a keyword such as "true", left at <c>[start, cursor)</c>).
    /// </summary>
    private bool PrefixedName(out TermId id)
    {
        id = default;
        if (!ScanPrefixedName()) return false;
        var form = _scratch.AsSpan(0, _scratchLength);
        id = Ensure(TermEncoder.HashId(TermTag.Iri, form), form);
        return true;
    }

    /// <summary>
    /// Reads a prefixed name at the cursor and leaves its IRI's dictionary form in <see cref="_scratch"/>; false when
    /// no ':' follows the first word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScanPrefixedName()
    {
        int start = _p;
        if (_d[_p] != ':')
        {
            _p++;
            SkipPrefixPart();
        }
        int prefixEnd = _p;
        if (At(_p) != ':') return false;
        _p++;
        int localStart = _p;
        int c = At(_p);
        if (c >= 0x80 || c == '\\') throw _unsure;
        // The first character of a local name may be a digit or ':', but not '-' (or '.').
        if (IsLetter(c) || IsDigit(c) || c == '_' || c == ':' || c == '%')
        {
            bool first = true;
            while (true)
            {
                c = At(_p);
                if (c == '.' && !first)
                {
                    int k = 1;
                    while (At(_p + k) == '.') k++;
                    int next = At(_p + k);
                    if (next >= 0x80 || next == '\\') throw _unsure;
                    if (!(IsNameChar(next) || next == ':' || next == '%')) break;
                    _p += k;
                    continue;
                }
                if (c == '%')
                {
                    if (!IsHex(At(_p + 1)) || !IsHex(At(_p + 2))) throw _unsure;
                    _p += 3;
                }
                else if (c >= 0x80 || c == '\\') throw _unsure;
                else if (IsNameChar(c) || c == ':') _p++;
                else break;
                first = false;
            }
        }
        if (_p - start > _maxTermLength) throw _unsure;
        var ns = Namespace(_d.AsSpan(start, prefixEnd - start));
        var local = _d.AsSpan(localStart, _p - localStart);
        int length = 1 + ns.Utf8.Length + local.Length;
        if (_scratch.Length < length) _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        _scratch[0] = TermSerializer.IriForm;
        ns.Utf8.CopyTo(_scratch, 1);
        local.CopyTo(_scratch.AsSpan(1 + ns.Utf8.Length));
        _scratchLength = length;
        return true;
    }

    private TurtleNamespace Namespace(ReadOnlySpan<byte> prefix)
    {
        if (ReferenceEquals(_lastNamespaceState, _state) && prefix.SequenceEqual(_lastPrefix)) return _lastNamespace!;
        if (prefix.Length > 256) throw _unsure;
        Span<char> chars = stackalloc char[prefix.Length];
        for (int i = 0; i < prefix.Length; i++) chars[i] = (char)prefix[i];
        if (!_state.TryGetNamespace(chars, out var ns)) throw _unsure;
        _lastPrefix = prefix.ToArray();
        _lastNamespace = ns;
        _lastNamespaceState = _state;
        return ns;
    }

    private TermId BlankNodeLabel()
    {
        _p += 2;
        int start = _p;
        int c = At(_p);
        if (!(IsLetter(c) || IsDigit(c) || c == '_')) throw _unsure;
        _p++;
        while (true)
        {
            c = At(_p);
            if (c == '.')
            {
                int k = 1;
                while (At(_p + k) == '.') k++;
                int next = At(_p + k);
                if (next >= 0x80) throw _unsure;
                if (!IsNameChar(next)) break;
                _p += k;
                continue;
            }
            if (c >= 0x80) throw _unsure;
            if (!IsNameChar(c)) break;
            _p++;
        }
        if (_p - start > _maxTermLength) throw _unsure;
        var label = _d.AsSpan(start, _p - start);
        UInt128 key = System.IO.Hashing.XxHash128.HashToUInt128(label);
        int slot = (int)((ulong)key & (ulong)(_labelKeys.Length - 1));
        if (_labelForms[slot] is { } cached && _labelKeys[slot] == key) return Ensure(_labelIds[slot], cached);
        var node = _blankNodes.Get(Encoding.ASCII.GetString(label));
        var id = _encoder.Encode(node);
        _labelKeys[slot] = key;
        _labelIds[slot] = id;
        _labelForms[slot] = _encoder.Serialized.ToArray();
        return Ensure(id, _labelForms[slot]);
    }

    // ---- literals -----------------------------------------------------------------------------

    /// <summary>A quoted literal at its opening quote, with its language tag or datatype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TermId QuotedLiteral()
    {
        byte quote = _d[_p];
        bool isLong = At(_p + 1) == quote && At(_p + 2) == quote;
        _p += isLong ? 3 : 1;
        var stops = isLong ? (quote == '"' ? LongDoubleStops : LongSingleStops) : (quote == '"' ? ShortDoubleStops : ShortSingleStops);
        int start = _p, segment = _p, end;
        bool decoded = false;
        while (true)
        {
            int run = _d.AsSpan(_p, _end - _p).IndexOfAny(stops);
            if (run < 0) throw _unsure;
            int at = _p + run;
            byte c = _d[at];
            if (c == quote)
            {
                if (isLong && (At(at + 1) != quote || At(at + 2) != quote))
                {
                    _p = at + 1; // a quote that does not end the long string is content
                    continue;
                }
                if (decoded) AppendValue(_d.AsSpan(segment, at - segment));
                end = at;
                _p = at + (isLong ? 3 : 1);
                break;
            }
            if (c != '\\') throw _unsure; // a line break in a short string
            if (!decoded)
            {
                decoded = true;
                _valueLength = 1;
            }
            AppendValue(_d.AsSpan(segment, at - segment));
            _p = at + 1;
            Escape();
            segment = _p;
        }
        // The value, with one writable byte before it for the dictionary form byte.
        var buffer = decoded ? _value : _d;
        int valueStart = decoded ? 1 : start;
        int valueLength = decoded ? _valueLength - 1 : end - start;
        if (valueLength > _maxTermLength) throw _unsure;
        var value = buffer.AsSpan(valueStart, valueLength);

        int next = At(_p);
        if (next == '@') return LangString(value);
        if (next == '^') return TypedLiteral(value);
        if (value.Length <= InlineLiteralCodec.MaxSmallString)
        {
            if (!Utf8.IsValid(value)) throw _unsure;
            Span<byte> packed = stackalloc byte[TermId.Size];
            packed.Clear();
            packed[0] = (byte)TermTag.SmallString;
            packed[1] = (byte)value.Length;
            value.CopyTo(packed[2..]);
            return TermId.Read(packed);
        }
        byte saved = buffer[valueStart - 1];
        buffer[valueStart - 1] = TermSerializer.SimpleLiteralForm;
        var form = buffer.AsSpan(valueStart - 1, valueLength + 1);
        var id = TermEncoder.HashId(TermTag.Literal, form);
        if (!IsKnown(id))
        {
            if (!Utf8.IsValid(value))
            {
                buffer[valueStart - 1] = saved;
                throw _unsure;
            }
            Ensure(id, form);
        }
        buffer[valueStart - 1] = saved;
        return id;
    }

    private void AppendValue(ReadOnlySpan<byte> bytes)
    {
        if (_valueLength + bytes.Length > _value.Length) Array.Resize(ref _value, Math.Max(_valueLength + bytes.Length, _value.Length * 2));
        bytes.CopyTo(_value.AsSpan(_valueLength));
        _valueLength += bytes.Length;
    }

    /// <summary>Decodes the escape after a '\' in a string into the value.</summary>
    private void Escape()
    {
        int c = At(_p);
        byte simple = c switch
        {
            't' => (byte)'\t',
            'b' => (byte)'\b',
            'n' => (byte)'\n',
            'r' => (byte)'\r',
            'f' => (byte)'\f',
            '"' => (byte)'"',
            '\'' => (byte)'\'',
            '\\' => (byte)'\\',
            _ => 0,
        };
        if (simple != 0)
        {
            AppendValue([simple]);
            _p++;
            return;
        }
        int digits = c == 'u' ? 4 : c == 'U' ? 8 : throw _unsure;
        int value = 0;
        for (int i = 1; i <= digits; i++)
        {
            int h = At(_p + i);
            if (!IsHex(h)) throw _unsure;
            value = (value << 4) | (IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            if (value > 0x10FFFF) throw _unsure;
        }
        if (!Rune.IsValid(value)) throw _unsure;
        Span<byte> utf8 = stackalloc byte[4];
        int written = new Rune(value).EncodeToUtf8(utf8);
        AppendValue(utf8[..written]);
        _p += 1 + digits;
    }

    private string ValueText(ReadOnlySpan<byte> value)
    {
        try { return StrictUtf8.GetString(value); }
        catch (DecoderFallbackException) { throw _unsure; }
    }

    private TermId LangString(ReadOnlySpan<byte> value)
    {
        _p++;
        int start = _p;
        while (IsLetter(At(_p))) _p++;
        if (_p == start) throw _unsure;
        while (At(_p) == '-')
        {
            int k = _p + 1;
            while (IsLetter(At(k)) || IsDigit(At(k))) k++;
            if (k == _p + 1) throw _unsure;
            _p = k;
        }
        if (_p - start > _maxTermLength) throw _unsure;
        string tag = Encoding.ASCII.GetString(_d, start, _p - start);
        return EncodeTerm(Rdf.Literal.LangString(ValueText(value), tag));
    }

    private TermId TypedLiteral(ReadOnlySpan<byte> value)
    {
        string text = ValueText(value);
        if (At(_p + 1) != '^') throw _unsure;
        _p += 2;
        int start = _p;
        int c = At(_p);
        Iri datatype;
        if (c == '<')
        {
            int close = IriEnd(_p);
            datatype = CachedDatatype(start, close + 1) ?? Remember(start, Xsd.Intern(IriText()));
        }
        else if (c == ':' || IsLetter(c))
        {
            // The datatype IRI is a term of its own (with a dictionary entry) only where it is used as one.
            if (!ScanPrefixedName()) throw _unsure;
            int end = _p;
            datatype = CachedDatatype(start, end) ?? Remember(start, Xsd.Intern(Encoding.UTF8.GetString(_scratch, 1, _scratchLength - 1)));
        }
        else throw _unsure;
        if (datatype.Value == RdfVocabulary.LangStringIri) throw _unsure;
        return EncodeTerm(Rdf.Literal.Typed(text, datatype));
    }

    /// <summary>The datatype written as <c>[start, end)</c> when it is the one met last; moves the cursor past it.</summary>
    private Iri? CachedDatatype(int start, int end)
    {
        if (_lastDatatypeIri is null || !ReferenceEquals(_lastDatatypeState, _state) || !_d.AsSpan(start, end - start).SequenceEqual(_lastDatatype))
            return null;
        _p = end;
        return _lastDatatypeIri;
    }

    private Iri Remember(int start, Iri datatype)
    {
        _lastDatatype = _d.AsSpan(start, _p - start).ToArray();
        _lastDatatypeIri = datatype;
        _lastDatatypeState = _state;
        return datatype;
    }

    /// <summary>A number at the cursor: xsd:integer, xsd:decimal or xsd:double by its form.</summary>
    private TermId Number()
    {
        int start = _p;
        if (At(_p) is '+' or '-') _p++;
        int intDigits = Digits();
        bool isDecimal = false;
        if (At(_p) == '.' && IsDigit(At(_p + 1)))
        {
            _p++;
            Digits();
            isDecimal = true;
        }
        else if (intDigits > 0 && At(_p) == '.' && ExponentAt(_p + 1)) _p++;
        Iri type;
        if (ExponentAt(_p) && (intDigits > 0 || isDecimal))
        {
            _p++;
            if (At(_p) is '+' or '-') _p++;
            Digits();
            type = Xsd.Double;
        }
        else if (isDecimal) type = Xsd.Decimal;
        else if (intDigits == 0) throw _unsure;
        else type = Xsd.Integer;
        if (_p - start > _maxTermLength) throw _unsure;
        return EncodeTerm(Rdf.Literal.Typed(Encoding.ASCII.GetString(_d, start, _p - start), type));
    }

    private bool ExponentAt(int i)
    {
        if (At(i) is not ('e' or 'E')) return false;
        int n = At(i + 1);
        if (n is '+' or '-') n = At(i + 2);
        return IsDigit(n);
    }

    private int Digits()
    {
        int n = 0;
        while (IsDigit(At(_p)))
        {
            _p++;
            n++;
        }
        return n;
    }
}
