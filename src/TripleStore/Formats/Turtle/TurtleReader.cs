using TripleStore.Formats.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.Turtle;

/// <summary>
/// A streaming reader of Turtle and TriG (RDF 1.1). It is a state machine over an explicit stack of
/// open blank node property lists and collections, so it emits each triple as soon as its three terms are
/// known, keeps no more than the current nesting in memory, and cannot overflow the call stack on deep input.
/// In lenient mode a bad statement is reported and skipped up to its closing '.'; triples of that statement
/// that were complete before the error have already been returned.
/// </summary>
public sealed class TurtleReader : RdfReader
{
    private static readonly Literal True = Literal.Typed("true", Xsd.Boolean);
    private static readonly Literal False = Literal.Typed("false", Xsd.Boolean);

    private readonly TextScanner _in;
    private readonly bool _trig;
    private readonly Dictionary<string, string> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _namespaceLookup;
    private readonly TermReader _terms;
    private readonly TermCache<Iri> _prefixedNames = new();
    private readonly OutputQueue _output = new();
    private Frame[] _stack = new Frame[16];
    private int _depth;
    private string? _base;
    private Term? _graph;
    private bool _inGraphBlock;
    private bool _done;

    public TurtleReader(TextReader input, RdfReaderOptions options, bool trig) : base(options)
    {
        ArgumentNullException.ThrowIfNull(input);
        _in = new TextScanner(input, options.SourceName, options.MaxTermLength);
        _terms = new TermReader(_in, BlankNodes, ResolveIri, ReadPrefixedDatatype);
        _trig = trig;
        _base = options.BaseIri;
        _graph = options.DefaultGraph;
        _namespaceLookup = _namespaces.GetAlternateLookup<ReadOnlySpan<char>>();
        ResetStack();
    }

    public override RdfFormat Format => _trig ? RdfFormat.TriG : RdfFormat.Turtle;

    /// <summary>
    /// Takes over a Turtle file part way through: the input starts at a statement at <paramref name="line"/> and
    /// <paramref name="column"/> of the file, after directives that declared <paramref name="prefixes"/> and
    /// <paramref name="baseIri"/>. Call before reading.
    /// </summary>
    internal void Resume(long line, long column, IEnumerable<KeyValuePair<string, string>> prefixes, string? baseIri)
    {
        _in.StartAt(line, column);
        foreach (var (prefix, ns) in prefixes)
        {
            _namespaces[prefix] = ns;
            DeclarePrefix(prefix, ns);
        }
        _base = baseIri;
    }

    public override bool TryRead(out Quad quad)
    {
        while (true)
        {
            if (_output.TryDequeue(out quad))
            {
                StatementCount++;
                return true;
            }
            if (_done) return false;
            try
            {
                Step();
            }
            catch (RdfSyntaxException e) when (Options.Lenient && e.ErrorCode == ErrorCodes.RdfSyntax)
            {
                ReportError(e.Error);
                SkipToStatementEnd();
            }
            catch (RdfSyntaxException)
            {
                _done = true;
                throw;
            }
        }
    }

    // ---- the state machine --------------------------------------------------------------------

    private enum FrameKind : byte { Statement, PropertyList, Collection }

    private enum State : byte
    {
        /// <summary>Statement frame: before a directive, a subject, or a graph block.</summary>
        StatementStart,
        /// <summary>Statement frame after a subject "[ ... ]": a predicate or the statement's end.</summary>
        AfterSubjectPropertyList,
        Verb,
        /// <summary>After ';': another predicate, another ';', or the end of the list.</summary>
        VerbOrEnd,
        Object,
        /// <summary>After an object: ',', ';' or the end of the list.</summary>
        AfterObject,
        /// <summary>Collection frame: an item or ')'.</summary>
        Item,
    }

    private struct Frame
    {
        public FrameKind Kind;
        public State State;
        /// <summary>True when the list or collection stands in subject position of its statement.</summary>
        public bool IsSubject;
        /// <summary>The subject, or for a collection in object position the subject that points to it.</summary>
        public Term Subject;
        public Iri Predicate;
        /// <summary>Collections: the first and the last list node so far (null while empty).</summary>
        public BlankNode? Head;
        public BlankNode? Tail;
    }

    private void ResetStack()
    {
        _depth = 1;
        _stack[0] = new Frame { Kind = FrameKind.Statement, State = State.StatementStart };
    }

    private void Push(in Frame frame)
    {
        if (_depth > Options.MaxNestingDepth)
            throw new RdfSyntaxException(
                new RdfSyntaxError(_in.Position, $"Blank node property lists and collections are nested deeper than the limit of {Options.MaxNestingDepth} (MaxNestingDepth)."),
                ErrorCodes.InputTooDeep);
        if (_depth == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        _stack[_depth++] = frame;
    }

    private void Emit(Term subject, Iri predicate, Term obj) => _output.Enqueue(new Quad(subject, predicate, obj, _graph));

    private void Step()
    {
        ref Frame f = ref _stack[_depth - 1];
        switch (f.State)
        {
            case State.StatementStart: StatementStart(); break;
            case State.AfterSubjectPropertyList: AfterSubjectPropertyList(ref f); break;
            case State.Verb: ReadVerb(ref f); break;
            case State.VerbOrEnd: VerbOrEnd(ref f); break;
            case State.Object: ReadObject(ref f); break;
            case State.AfterObject: AfterObject(ref f); break;
            case State.Item: CollectionItem(); break;
        }
    }

    private void StatementStart()
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        int c = s.Peek();
        if (c == TextScanner.Eof)
        {
            if (_inGraphBlock) throw s.Error("Expected '}' to close the graph block, found end of input");
            _done = true;
            return;
        }
        if (_inGraphBlock)
        {
            if (c == '}') { s.Advance(); LeaveGraph(); return; }
            if (c == '@' || IsSparqlDirective())
                throw s.Error("Directives are not allowed inside a graph block; expected a triple or '}'");
        }
        else
        {
            if (c == '@') { AtDirective(); return; }
            if (c is 'P' or 'p' && s.TryConsumeKeyword("PREFIX", ignoreCase: true)) { PrefixDirective(sparql: true); return; }
            if (c is 'B' or 'b' && s.TryConsumeKeyword("BASE", ignoreCase: true)) { BaseDirective(sparql: true); return; }
            if (_trig)
            {
                if (c == '{') { s.Advance(); EnterGraph(Options.DefaultGraph); return; }
                if (c is 'G' or 'g' && s.TryConsumeKeyword("GRAPH", ignoreCase: true)) { GraphKeyword(); return; }
            }
        }

        ref Frame f = ref _stack[0];
        if (c == '[')
        {
            s.Advance();
            s.SkipWhitespaceAndComments();
            if (s.TryConsume(']'))
            {
                SubjectOrGraphLabel(BlankNodes.CreateAnonymous());
                return;
            }
            var node = BlankNodes.CreateAnonymous();
            f.State = State.AfterSubjectPropertyList;
            f.Subject = node;
            Push(new Frame { Kind = FrameKind.PropertyList, State = State.Verb, IsSubject = true, Subject = node });
            return;
        }
        if (c == '(')
        {
            s.Advance();
            f.State = State.Verb;
            Push(new Frame { Kind = FrameKind.Collection, State = State.Item, IsSubject = true });
            return;
        }
        var subject = ReadIriOrBlankNode("a subject (IRI, blank node, '[' or '(')");
        SubjectOrGraphLabel(subject);
    }

    /// <summary>PREFIX or BASE followed by whitespace or '&lt;': a directive where none is allowed.</summary>
    private bool IsSparqlDirective()
    {
        int c = _in.Peek();
        if (c is not ('P' or 'p' or 'B' or 'b')) return false;
        var word = c is 'P' or 'p' ? "PREFIX" : "BASE";
        for (int i = 0; i < word.Length; i++)
            if ((_in.PeekAt(i) | 0x20) != (word[i] | 0x20)) return false;
        return _in.PeekAt(word.Length) is ' ' or '\t' or '\n' or '\r' or '<';
    }

    /// <summary>A subject that in TriG may instead name the graph block that follows it.</summary>
    private void SubjectOrGraphLabel(Term term)
    {
        if (_trig && !_inGraphBlock)
        {
            _in.SkipWhitespaceAndComments();
            if (_in.TryConsume('{')) { EnterGraph(term); return; }
        }
        ref Frame f = ref _stack[0];
        f.Subject = term;
        f.State = State.Verb;
    }

    private void GraphKeyword()
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        Term label;
        if (s.Peek() == '[')
        {
            s.Advance();
            s.SkipWhitespaceAndComments();
            if (!s.TryConsume(']')) throw s.Error($"Expected ']' of an anonymous graph label, found {s.DescribeNext()}");
            label = BlankNodes.CreateAnonymous();
        }
        else label = ReadIriOrBlankNode("a graph label (IRI or blank node) after GRAPH");
        s.SkipWhitespaceAndComments();
        if (!s.TryConsume('{')) throw s.Error($"Expected '{{' after the graph label, found {s.DescribeNext()}");
        EnterGraph(label);
    }

    private void EnterGraph(Term? graph)
    {
        _graph = graph;
        _inGraphBlock = true;
    }

    private void LeaveGraph()
    {
        _graph = Options.DefaultGraph;
        _inGraphBlock = false;
    }

    private void AfterSubjectPropertyList(ref Frame f)
    {
        _in.SkipWhitespaceAndComments();
        if (TryEndStatement()) return;
        f.State = State.Verb;
        ReadVerb(ref f);
    }

    private void ReadVerb(ref Frame f)
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        int c = s.Peek();
        Iri predicate;
        if (c == '<') { predicate = _terms.ReadIriRef(); }
        else if (c == 'a' && s.TryConsumeKeyword("a", ignoreCase: false)) predicate = RdfVocabulary.Type;
        else if (c == ':' || CharClasses.IsPnCharsBase(c) || s.IsSurrogateNameStart(0))
        {
            predicate = ReadPrefixedNameOrKeyword(out var keyword)
                ?? throw s.Error($"Expected a predicate (IRI or 'a'), found '{keyword}'");
        }
        else throw s.Error($"Expected a predicate (IRI or 'a'), found {s.DescribeNext()}");
        f.Predicate = predicate;
        f.State = State.Object;
    }

    private void VerbOrEnd(ref Frame f)
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        int c = s.Peek();
        if (c == ';') { s.Advance(); return; }
        if (f.Kind == FrameKind.PropertyList ? c == ']' : c == '.' || (_inGraphBlock && c == '}'))
        {
            EndList(ref f);
            return;
        }
        ReadVerb(ref f);
    }

    private void ReadObject(ref Frame f)
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        int c = s.Peek();
        if (c == '[')
        {
            s.Advance();
            s.SkipWhitespaceAndComments();
            var node = BlankNodes.CreateAnonymous();
            Emit(f.Subject, f.Predicate, node);
            f.State = State.AfterObject;
            if (!s.TryConsume(']'))
                Push(new Frame { Kind = FrameKind.PropertyList, State = State.Verb, Subject = node });
            return;
        }
        if (c == '(')
        {
            s.Advance();
            f.State = State.AfterObject;
            Push(new Frame { Kind = FrameKind.Collection, State = State.Item, Subject = f.Subject, Predicate = f.Predicate });
            return;
        }
        var obj = ReadAtomicObject();
        Emit(f.Subject, f.Predicate, obj);
        f.State = State.AfterObject;
    }

    private void AfterObject(ref Frame f)
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        int c = s.Peek();
        if (c == ',') { s.Advance(); f.State = State.Object; return; }
        if (c == ';') { s.Advance(); f.State = State.VerbOrEnd; return; }
        if (f.Kind == FrameKind.PropertyList)
        {
            if (c == ']') { EndList(ref f); return; }
            throw s.Error($"Expected ']' after object, found {s.DescribeNext()}");
        }
        if (!TryEndStatement())
            throw s.Error(_inGraphBlock
                ? $"Expected '.' or '}}' after object, found {s.DescribeNext()}"
                : $"Expected '.' after object, found {s.DescribeNext()}");
    }

    /// <summary>Ends the predicate-object list of <paramref name="f"/> at its ']' or its statement's end.</summary>
    private void EndList(ref Frame f)
    {
        if (f.Kind == FrameKind.PropertyList)
        {
            _in.Advance(); // ']'
            _depth--;
            return; // the parent is already in its after-object (or after-subject) state
        }
        if (!TryEndStatement())
            throw _in.Error($"Expected '.' to end the statement, found {_in.DescribeNext()}");
    }

    /// <summary>At '.', or at '}' inside a graph block, finishes the statement.</summary>
    private bool TryEndStatement()
    {
        int c = _in.Peek();
        if (c == '.') _in.Advance();
        else if (!(_inGraphBlock && c == '}')) return false;
        _stack[0] = new Frame { Kind = FrameKind.Statement, State = State.StatementStart };
        return true;
    }

    private void CollectionItem()
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        int c = s.Peek();
        ref Frame f = ref _stack[_depth - 1];
        if (c == ')')
        {
            s.Advance();
            var isSubject = f.IsSubject;
            Term value = f.Head is null ? RdfVocabulary.Nil : f.Head;
            if (f.Tail is not null) Emit(f.Tail, RdfVocabulary.Rest, RdfVocabulary.Nil);
            else if (!isSubject) Emit(f.Subject, f.Predicate, RdfVocabulary.Nil);
            _depth--;
            if (isSubject) _stack[0].Subject = value; // the statement frame already waits for a verb
            return;
        }
        if (c == TextScanner.Eof) throw s.Error("Expected ')' to close the collection, found end of input");

        var node = BlankNodes.CreateAnonymous();
        if (f.Tail is null)
        {
            f.Head = node;
            if (!f.IsSubject) Emit(f.Subject, f.Predicate, node);
        }
        else Emit(f.Tail, RdfVocabulary.Rest, node);
        f.Tail = node;

        if (c == '[')
        {
            s.Advance();
            s.SkipWhitespaceAndComments();
            var inner = BlankNodes.CreateAnonymous();
            Emit(node, RdfVocabulary.First, inner);
            if (!s.TryConsume(']'))
                Push(new Frame { Kind = FrameKind.PropertyList, State = State.Verb, Subject = inner });
            return;
        }
        if (c == '(')
        {
            s.Advance();
            Push(new Frame { Kind = FrameKind.Collection, State = State.Item, Subject = node, Predicate = RdfVocabulary.First });
            return;
        }
        Emit(node, RdfVocabulary.First, ReadAtomicObject());
    }

    // ---- directives ---------------------------------------------------------------------------

    private void AtDirective()
    {
        var s = _in;
        s.Advance(); // '@'
        if (s.TryConsumeKeyword("prefix", ignoreCase: false, nameMayFollow: true)) PrefixDirective(sparql: false);
        else if (s.TryConsumeKeyword("base", ignoreCase: false, nameMayFollow: true)) BaseDirective(sparql: false);
        else throw s.Error($"Expected '@prefix' or '@base', found '@' followed by {s.DescribeNext()}");
    }

    private void PrefixDirective(bool sparql)
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        s.ClearToken();
        int c = s.Peek();
        if (c != ':')
        {
            if (!(CharClasses.IsPnCharsBase(c) || s.IsSurrogateNameStart(0)))
                throw s.Error($"Expected a prefix name ending in ':' after {(sparql ? "PREFIX" : "@prefix")}, found {s.DescribeNext()}");
            ReadPrefixPart();
        }
        if (!s.TryConsume(':'))
            throw s.Error($"Expected ':' after the prefix name, found {s.DescribeNext()}");
        var prefix = s.TokenString();
        s.SkipWhitespaceAndComments();
        if (s.Peek() != '<')
            throw s.Error($"Expected the namespace IRI in '<...>' after '{prefix}:', found {s.DescribeNext()}");
        var ns = _terms.ReadIriRef().Value;
        if (!sparql) ExpectDirectiveEnd("@prefix");
        // Only a redefinition can change what a cached prefixed name means.
        if (_namespaces.TryGetValue(prefix, out var previous) && previous != ns) _prefixedNames.Clear();
        _namespaces[prefix] = ns;
        DeclarePrefix(prefix, ns);
    }

    private void BaseDirective(bool sparql)
    {
        var s = _in;
        s.SkipWhitespaceAndComments();
        if (s.Peek() != '<')
            throw s.Error($"Expected the base IRI in '<...>' after {(sparql ? "BASE" : "@base")}, found {s.DescribeNext()}");
        var iri = _terms.ReadIriRef().Value;
        if (!sparql) ExpectDirectiveEnd("@base");
        _base = iri;
        _terms.ForgetIris();
    }

    private void ExpectDirectiveEnd(string directive)
    {
        _in.SkipWhitespaceAndComments();
        if (!_in.TryConsume('.'))
            throw _in.Error($"Expected '.' after the {directive} directive, found {_in.DescribeNext()}");
    }

    // ---- terms --------------------------------------------------------------------------------

    /// <summary>Reads an IRI or a labelled blank node; <paramref name="expectation"/> completes "Expected ..." in errors.</summary>
    private Term ReadIriOrBlankNode(string expectation)
    {
        var s = _in;
        int c = s.Peek();
        if (c == '<') return _terms.ReadIriRef();
        if (c == '_' && s.PeekAt(1) == ':') return _terms.ReadBlankNode();
        if (c == ':' || CharClasses.IsPnCharsBase(c) || s.IsSurrogateNameStart(0))
        {
            var at = s.Position;
            return ReadPrefixedNameOrKeyword(out var keyword)
                ?? throw s.Error(at, $"Expected {expectation}, found '{keyword}'");
        }
        throw s.Error($"Expected {expectation}, found {s.DescribeNext()}");
    }

    private Term ReadAtomicObject()
    {
        var s = _in;
        int c = s.Peek();
        switch (c)
        {
            case '<':
                return _terms.ReadIriRef();
            case '_' when s.PeekAt(1) == ':':
                return _terms.ReadBlankNode();
            case '"':
            case '\'':
                return _terms.ReadLiteral(longStrings: true);
            case >= '0' and <= '9':
                return ReadNumber();
            case '.' when CharClasses.IsDigit(s.PeekAt(1)):
                return ReadNumber();
            case '+' or '-' when CharClasses.IsDigit(s.PeekAt(1)) || (s.PeekAt(1) == '.' && CharClasses.IsDigit(s.PeekAt(2))):
                return ReadNumber();
        }
        if (c == ':' || CharClasses.IsPnCharsBase(c) || s.IsSurrogateNameStart(0))
        {
            var at = s.Position;
            var iri = ReadPrefixedNameOrKeyword(out var keyword);
            if (iri is not null) return iri;
            return keyword switch
            {
                "true" => True,
                "false" => False,
                _ => throw s.Error(at, $"Expected an object (IRI, blank node, literal, '[' or '('), found '{keyword}'"),
            };
        }
        throw s.Error($"Expected an object (IRI, blank node, literal, '[' or '('), found {s.DescribeNext()}");
    }

    /// <summary>The IRI of an IRIREF's text: resolved against the base.</summary>
    private Iri ResolveIri(string text, SourcePosition at)
    {
        string value;
        if (HasScheme(text)) value = text;
        else
        {
            if (_base is null)
                throw _in.Error(at, $"The relative IRI <{text}> cannot be resolved: there is no base IRI (set one with @base or the reader's BaseIri)");
            value = IriResolver.Resolve(_base, text);
        }
        if (!IriSyntax.IsAbsoluteIri(value, out var error))
            throw _in.Error(at, $"<{text}> is not a valid IRI: {error}");
        return Xsd.Intern(value);
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

    /// <summary>
    /// Reads a prefixed name and returns its IRI, or returns null and a bare word (a keyword such as
    /// "true") when no ':' follows.
    /// </summary>
    private Iri? ReadPrefixedNameOrKeyword(out string keyword)
    {
        var s = _in;
        var at = s.Position;
        s.ClearToken();
        if (s.Peek() != ':') ReadPrefixPart();
        if (s.Peek() != ':')
        {
            keyword = s.TokenString();
            return null;
        }
        keyword = "";
        int prefixLength = s.TokenLength;
        s.Advance();
        s.Append(':');
        ReadLocalPart();
        if (_prefixedNames.TryGet(s.Token, out var cached)) return cached;
        var token = s.Token;
        if (!_namespaceLookup.TryGetValue(token[..prefixLength], out var ns))
            throw s.Error(at, $"The prefix '{token[..prefixLength].ToString()}:' is not declared; add @prefix {token[..prefixLength].ToString()}: <...> .");
        var value = string.Concat(ns.AsSpan(), token[(prefixLength + 1)..]);
        var iri = Xsd.Intern(value);
        _prefixedNames.Add(token.ToString(), iri);
        return iri;
    }

    /// <summary>Appends PN_PREFIX (the first character is known to be PN_CHARS_BASE) to the token.</summary>
    private void ReadPrefixPart()
    {
        var s = _in;
        s.AppendNameChar();
        while (true)
        {
            int c = s.Peek();
            if (c == '.')
            {
                int k = 1;
                while (s.PeekAt(k) == '.') k++;
                if (!(CharClasses.IsPnChars(s.PeekAt(k)) || s.IsSurrogateNameStart(k))) return;
                for (int i = 0; i < k; i++) { s.Append('.'); s.Advance(); }
                continue;
            }
            if (!(CharClasses.IsPnChars(c) || s.IsSurrogateNameStart(0))) return;
            s.AppendNameChar();
        }
    }

    /// <summary>Appends PN_LOCAL to the token, undoing '\' escapes and keeping %XX as written.</summary>
    private void ReadLocalPart()
    {
        var s = _in;
        int c = s.Peek();
        if (!(CharClasses.IsPnCharsU(c) || c == ':' || CharClasses.IsDigit(c) || c == '%' || c == '\\' || s.IsSurrogateNameStart(0)))
            return; // an empty local name, as in "ex:"
        bool first = true;
        while (true)
        {
            c = s.Peek();
            if (c == '.' && !first)
            {
                int k = 1;
                while (s.PeekAt(k) == '.') k++;
                if (!IsLocalCharAt(k)) return;
                for (int i = 0; i < k; i++) { s.Append('.'); s.Advance(); }
                continue;
            }
            if (c == '%')
            {
                int h1 = s.PeekAt(1), h2 = s.PeekAt(2);
                if (!CharClasses.IsHex(h1) || !CharClasses.IsHex(h2))
                    throw s.Error("Expected two hex digits after '%' in a prefixed name");
                s.Append('%'); s.Append((char)h1); s.Append((char)h2);
                s.Advance(3);
            }
            else if (c == '\\')
            {
                int e = s.PeekAt(1);
                if (!CharClasses.IsLocalEscapable(e))
                    throw s.Error($"Invalid escape in a prefixed name: '\\' may only precede one of _~.-!$&'()*+,;=/?#@%");
                s.Append((char)e);
                s.Advance(2);
            }
            else if (CharClasses.IsPnChars(c) || c == ':' || s.IsSurrogateNameStart(0)) s.AppendNameChar();
            else return;
            first = false;
        }
    }

    private bool IsLocalCharAt(int offset)
    {
        int c = _in.PeekAt(offset);
        return CharClasses.IsPnChars(c) || c == ':' || c == '%' || c == '\\' || _in.IsSurrogateNameStart(offset);
    }

    /// <summary>A datatype written as a prefixed name after "^^"; null when none starts here.</summary>
    private Iri? ReadPrefixedDatatype()
    {
        var s = _in;
        int d = s.Peek();
        if (d != ':' && !CharClasses.IsPnCharsBase(d) && !s.IsSurrogateNameStart(0)) return null;
        return ReadPrefixedNameOrKeyword(out var keyword)
            ?? throw s.Error($"Expected a datatype IRI after '^^', found '{keyword}'");
    }

    private Literal ReadNumber()
    {
        var s = _in;
        s.ClearToken();
        int c = s.Peek();
        if (c is '+' or '-') { s.Append((char)c); s.Advance(); }
        int intDigits = ReadDigits();
        bool isDecimal = false;
        if (s.Peek() == '.' && CharClasses.IsDigit(s.PeekAt(1)))
        {
            s.Append('.');
            s.Advance();
            ReadDigits();
            isDecimal = true;
        }
        else if (intDigits > 0 && s.Peek() == '.' && ExponentAt(1))
        {
            s.Append('.');
            s.Advance();
        }
        if (ExponentAt(0) && (intDigits > 0 || isDecimal))
        {
            s.Append((char)s.Peek());
            s.Advance();
            if (s.Peek() is '+' or '-') { s.Append((char)s.Peek()); s.Advance(); }
            ReadDigits();
            return Literal.Typed(s.TokenString(), Xsd.Double);
        }
        if (isDecimal) return Literal.Typed(s.TokenString(), Xsd.Decimal);
        if (intDigits == 0) throw s.Error($"Expected a number, found {s.DescribeNext()}");
        return Literal.Typed(s.TokenString(), Xsd.Integer);
    }

    private bool ExponentAt(int offset)
    {
        int e = _in.PeekAt(offset);
        if (e is not ('e' or 'E')) return false;
        int n = _in.PeekAt(offset + 1);
        if (n is '+' or '-') n = _in.PeekAt(offset + 2);
        return CharClasses.IsDigit(n);
    }

    private int ReadDigits()
    {
        int n = 0;
        while (CharClasses.IsDigit(_in.Peek()))
        {
            _in.Append((char)_in.Peek());
            _in.Advance();
            n++;
        }
        return n;
    }

    // ---- lenient recovery ---------------------------------------------------------------------

    /// <summary>
    /// Skips past the end of the bad statement: the next '.' outside an IRI or string that is followed by
    /// whitespace or the end of input. A '}' on the way closes the graph block it belongs to.
    /// </summary>
    private void SkipToStatementEnd()
    {
        var s = _in;
        ResetStack();
        while (true)
        {
            int c = s.Peek();
            switch (c)
            {
                case TextScanner.Eof:
                    if (_inGraphBlock) LeaveGraph();
                    return;
                case '\n' or '\r':
                    s.ConsumeLineBreak();
                    break;
                case '#':
                    s.SkipComment();
                    break;
                case '<':
                    s.Advance();
                    while (s.Peek() is var i && i != TextScanner.Eof && i != '>' && i != '\n' && i != '\r') s.Advance();
                    if (s.Peek() == '>') s.Advance();
                    break;
                case '"' or '\'':
                    s.Advance();
                    while (s.Peek() is var q && q != TextScanner.Eof && q != c && q != '\n' && q != '\r')
                    {
                        if (q == '\\') s.Advance();
                        s.Advance();
                    }
                    if (s.Peek() == c) s.Advance();
                    break;
                case '}':
                    s.Advance();
                    if (_inGraphBlock) { LeaveGraph(); return; }
                    break;
                case '.':
                    s.Advance();
                    if (s.Peek() is TextScanner.Eof or ' ' or '\t' or '\n' or '\r' or '#') return;
                    break;
                default:
                    s.Advance();
                    break;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _in.Dispose();
    }
}
