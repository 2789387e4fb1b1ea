using TripleStore.Formats.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.NTriples;

/// <summary>
/// A streaming reader of N-Triples and N-Quads (RDF 1.1): one statement per line, absolute IRIs only.
/// </summary>
public sealed class NTriplesReader : RdfReader
{
    private readonly TextScanner _in;
    private readonly bool _quads;
    private readonly TermCache<Iri> _iris = new();
    private readonly TermCache<BlankNode> _blankNodes = new();
    private bool _done;

    public NTriplesReader(TextReader input, RdfReaderOptions options, bool quads) : base(options)
    {
        ArgumentNullException.ThrowIfNull(input);
        _in = new TextScanner(input, options.SourceName, options.MaxTermLength);
        _quads = quads;
    }

    public override RdfFormat Format => _quads ? RdfFormat.NQuads : RdfFormat.NTriples;

    public override bool TryRead(out Quad quad)
    {
        while (!_done)
        {
            try
            {
                if (TryReadStatement(out quad))
                {
                    StatementCount++;
                    return true;
                }
                _done = true;
            }
            catch (RdfSyntaxException e) when (Options.Lenient && e.ErrorCode == ErrorCodes.RdfSyntax)
            {
                ReportError(e.Error);
                SkipRestOfLine();
            }
            catch (RdfSyntaxException)
            {
                _done = true;
                throw;
            }
        }
        quad = default;
        return false;
    }

    private bool TryReadStatement(out Quad quad)
    {
        var s = _in;
        while (true)
        {
            s.SkipSpaces();
            int c = s.Peek();
            if (c == TextScanner.Eof) { quad = default; return false; }
            if (c == '\n' || c == '\r') { s.ConsumeLineBreak(); continue; }
            if (c == '#') { s.SkipComment(); continue; }
            break;
        }

        Term subject = ReadSubjectOrGraph("subject");
        s.SkipSpaces();
        if (s.Peek() != '<')
            throw s.Error($"Expected a predicate IRI after the subject, found {s.DescribeNext()}");
        Iri predicate = ReadIri();
        s.SkipSpaces();
        Term obj = ReadObject();
        s.SkipSpaces();
        Term? graph = Options.DefaultGraph;
        if (_quads && s.Peek() != '.')
        {
            if (s.Peek() is not ('<' or '_'))
                throw s.Error($"Expected a graph label or '.' after the object, found {s.DescribeNext()}");
            graph = ReadSubjectOrGraph("graph label");
            s.SkipSpaces();
        }
        if (!s.TryConsume('.'))
            throw s.Error(_quads && graph != Options.DefaultGraph
                ? $"Expected '.' after the graph label, found {s.DescribeNext()}"
                : $"Expected '.' after object, found {s.DescribeNext()}");
        s.SkipSpaces();
        int end = s.Peek();
        if (end == '#') { s.SkipComment(); end = s.Peek(); }
        if (end != TextScanner.Eof && end != '\n' && end != '\r')
            throw s.Error($"Expected the end of the line after '.', found {s.DescribeNext()}");
        quad = new Quad(subject, predicate, obj, graph);
        return true;
    }

    private Term ReadSubjectOrGraph(string what)
    {
        var s = _in;
        int c = s.Peek();
        if (c == '<') return ReadIri();
        if (c == '_') return ReadBlankNode();
        throw s.Error($"Expected a {what} (IRI or blank node), found {s.DescribeNext()}");
    }

    private Term ReadObject()
    {
        var s = _in;
        int c = s.Peek();
        if (c == '<') return ReadIri();
        if (c == '_') return ReadBlankNode();
        if (c == '"')
        {
            s.Advance();
            s.ReadShortString('"');
            return ReadLiteralSuffix(s.TokenString());
        }
        throw s.Error($"Expected an object (IRI, blank node or literal), found {s.DescribeNext()}");
    }

    private Literal ReadLiteralSuffix(string value)
    {
        var s = _in;
        int c = s.Peek();
        if (c == '@')
        {
            s.Advance();
            s.ReadLanguageTag();
            return Literal.LangString(value, s.TokenString());
        }
        if (c == '^')
        {
            var at = s.Position;
            s.Advance();
            if (!s.TryConsume('^')) throw s.Error($"Expected '^^' before the datatype IRI, found {s.DescribeNext()}");
            if (s.Peek() != '<') throw s.Error($"Expected a datatype IRI after '^^', found {s.DescribeNext()}");
            var datatype = ReadIri();
            if (datatype.Value == RdfVocabulary.LangStringIri)
                throw s.Error(at, "A literal typed rdf:langString must have a language tag");
            return Literal.Typed(value, datatype);
        }
        return Literal.Simple(value);
    }

    /// <summary>Reads an absolute IRI at its '&lt;'.</summary>
    private Iri ReadIri()
    {
        var s = _in;
        var at = s.Position;
        s.Advance();
        s.ReadIriRef();
        if (_iris.TryGet(s.Token, out var cached)) return cached;
        var text = s.TokenString();
        if (!IriSyntax.IsAbsoluteIri(text, out var error))
            throw s.Error(at, $"<{text}> is not an absolute IRI ({error}); N-Triples and N-Quads need absolute IRIs");
        var iri = Xsd.Intern(text);
        _iris.Add(text, iri);
        return iri;
    }

    private BlankNode ReadBlankNode()
    {
        var s = _in;
        s.Advance();
        if (!s.TryConsume(':')) throw s.Error($"Expected ':' after '_' in a blank node label, found {s.DescribeNext()}");
        s.ReadBlankNodeLabel();
        if (_blankNodes.TryGet(s.Token, out var cached)) return cached;
        var label = s.TokenString();
        var node = BlankNodes.Get(label);
        _blankNodes.Add(label, node);
        return node;
    }

    private void SkipRestOfLine()
    {
        while (true)
        {
            int c = _in.Peek();
            if (c == TextScanner.Eof) return;
            if (c == '\n' || c == '\r') { _in.ConsumeLineBreak(); return; }
            _in.Advance();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _in.Dispose();
    }
}
