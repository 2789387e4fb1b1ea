using TripleStore.Formats.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.NTriples;

/// <summary>
/// A streaming reader of N-Triples and N-Quads (RDF 1.1): one statement per line, absolute IRIs only.
/// </summary>
public sealed class NTriplesReader : RdfReader
{
    private readonly TextScanner _in;
    private readonly TermReader _terms;
    private readonly bool _quads;
    private bool _done;

    public NTriplesReader(TextReader input, RdfReaderOptions options, bool quads) : base(options)
    {
        ArgumentNullException.ThrowIfNull(input);
        _in = new TextScanner(input, options.SourceName, options.MaxTermLength);
        _terms = new TermReader(_in, BlankNodes, AbsoluteIri);
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
        Iri predicate = _terms.ReadIriRef();
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
        if (c == '<') return _terms.ReadIriRef();
        if (c == '_') return _terms.ReadBlankNode();
        throw s.Error($"Expected a {what} (IRI or blank node), found {s.DescribeNext()}");
    }

    private Term ReadObject()
    {
        var s = _in;
        int c = s.Peek();
        if (c == '<') return _terms.ReadIriRef();
        if (c == '_') return _terms.ReadBlankNode();
        if (c == '"') return _terms.ReadLiteral(longStrings: false);
        throw s.Error($"Expected an object (IRI, blank node or literal), found {s.DescribeNext()}");
    }

    private Iri AbsoluteIri(string text, SourcePosition at)
    {
        if (!IriSyntax.IsAbsoluteIri(text, out var error))
            throw _in.Error(at, $"<{text}> is not an absolute IRI ({error}); N-Triples and N-Quads need absolute IRIs");
        return Xsd.Intern(text);
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
