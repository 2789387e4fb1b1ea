using TripleStore.Formats.Text;
using TripleStore.Rdf;

namespace TripleStore.Formats.Turtle;

/// <summary>
/// Writes readable Turtle or TriG as statements arrive: prefixed names where the local part allows,
/// 'a' for rdf:type, bare numbers and booleans, and ';' and ',' for consecutive statements that share a
/// subject or a subject and predicate. TriG groups consecutive quads of one graph into a GRAPH block.
/// Only the current subject, predicate and graph are remembered, so memory stays flat.
/// </summary>
public sealed class TurtleWriter : RdfWriter
{
    private static readonly (string Prefix, string Namespace)[] WellKnown =
    [
        ("rdf", RdfVocabulary.Namespace),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", Xsd.Namespace),
        ("owl", "http://www.w3.org/2002/07/owl#"),
    ];

    private readonly TextWriter _output;
    private readonly bool _trig;
    private readonly string? _base;
    private readonly List<(string Prefix, string Namespace)> _prefixes = new();
    private readonly Dictionary<string, string> _iriText = new(StringComparer.Ordinal);
    private bool _headerWritten;
    /// <summary>Set after a statement or block ends: the next subject or block starts after a blank line.</summary>
    private bool _separate;
    private bool _inGraphBlock;
    private Term? _graph;
    private Term? _subject;
    private Iri? _predicate;

    public TurtleWriter(TextWriter output, RdfWriterOptions options, bool trig)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        ArgumentNullException.ThrowIfNull(options);
        _trig = trig;
        _base = options.BaseIri;
        if (options.Prefixes is not null)
            foreach (var (prefix, ns) in options.Prefixes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!IsValidPrefix(prefix))
                    throw new ArgumentException($"'{prefix}' is not a valid Turtle prefix name.", nameof(options));
                _prefixes.Add((prefix, ns));
            }
        foreach (var (prefix, ns) in WellKnown)
            if (!_prefixes.Any(p => p.Prefix == prefix || p.Namespace == ns)) _prefixes.Add((prefix, ns));
        // Longest namespace first, so the most specific prefix wins.
        _prefixes.Sort((a, b) => b.Namespace.Length.CompareTo(a.Namespace.Length));
    }

    public override RdfFormat Format => _trig ? RdfFormat.TriG : RdfFormat.Turtle;

    public override void Write(in Quad quad)
    {
        if (quad.Graph is not null && !_trig)
            throw new TripleStoreException(ErrorCodes.NamedGraphsNotSupported, ErrorKind.InvalidOperation,
                $"Turtle cannot hold named graphs, but the statement {quad} is in graph {quad.Graph}; write TriG or N-Quads instead.");
        if (quad.Subject is Literal)
            throw new ArgumentException($"A literal cannot be a subject: {quad}", nameof(quad));
        WriteHeader();

        if (_trig && !Equals(quad.Graph, _graph))
        {
            EndStatement();
            CloseGraph();
            OpenGraph(quad.Graph);
        }
        string indent = _inGraphBlock ? "    " : "";
        if (_subject is not null && _subject.Equals(quad.Subject))
        {
            if (_predicate!.Equals(quad.Predicate))
            {
                _output.Write(" ,\n");
                _output.Write(indent);
                _output.Write("        ");
            }
            else
            {
                _output.Write(" ;\n");
                _output.Write(indent);
                _output.Write("    ");
                WritePredicate(quad.Predicate);
                _output.Write(' ');
            }
        }
        else
        {
            EndStatement();
            Separate();
            _output.Write(indent);
            WriteTerm(quad.Subject);
            _output.Write(' ');
            WritePredicate(quad.Predicate);
            _output.Write(' ');
        }
        WriteTerm(quad.Object);
        _subject = quad.Subject;
        _predicate = quad.Predicate;
        StatementCount++;
    }

    protected override void OnFinish()
    {
        WriteHeader();
        EndStatement();
        CloseGraph();
        _output.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _output.Dispose();
    }

    private void WriteHeader()
    {
        if (_headerWritten) return;
        _headerWritten = true;
        if (_base is not null) _output.Write($"@base <{NTriplesEscaping.EscapeIri(_base)}> .\n");
        foreach (var (prefix, ns) in _prefixes.OrderBy(p => p.Prefix, StringComparer.Ordinal))
            _output.Write($"@prefix {prefix}: <{NTriplesEscaping.EscapeIri(ns)}> .\n");
        _output.Write('\n');
    }

    private void EndStatement()
    {
        if (_subject is null) return;
        _output.Write(" .\n");
        _subject = null;
        _predicate = null;
        _separate = true;
    }

    private void Separate()
    {
        if (_separate) _output.Write('\n');
        _separate = false;
    }

    private void OpenGraph(Term? graph)
    {
        _graph = graph;
        if (graph is null) return;
        Separate();
        _output.Write("GRAPH ");
        WriteTerm(graph);
        _output.Write(" {\n");
        _inGraphBlock = true;
    }

    private void CloseGraph()
    {
        if (!_inGraphBlock) return;
        _output.Write("}\n");
        _inGraphBlock = false;
        _graph = null;
        _separate = true;
    }

    private void WritePredicate(Iri predicate)
    {
        if (ReferenceEquals(predicate, RdfVocabulary.Type) || predicate.Value == RdfVocabulary.Type.Value) _output.Write('a');
        else WriteIri(predicate.Value);
    }

    private void WriteTerm(Term term)
    {
        switch (term)
        {
            case Iri iri:
                WriteIri(iri.Value);
                break;
            case BlankNode node:
                _output.Write("_:");
                _output.Write(BlankNodeLabels.ToLabel(node.Id));
                break;
            case Literal literal:
                WriteLiteral(literal);
                break;
        }
    }

    private void WriteLiteral(Literal literal)
    {
        var datatype = literal.Datatype.Value;
        if (literal.Language is null && TurtleLexicalForms.CanWriteBare(literal.Value, datatype))
        {
            _output.Write(literal.Value);
            return;
        }
        if (literal.Value.Contains('\n'))
        {
            // Multi-line text stays readable as a long string; only '"', '\\' and control characters are escaped.
            _output.Write("\"\"\"");
            _output.Write(TurtleLexicalForms.EscapeLongString(literal.Value));
            _output.Write("\"\"\"");
        }
        else
        {
            _output.Write('"');
            _output.Write(NTriplesEscaping.EscapeString(literal.Value));
            _output.Write('"');
        }
        if (literal.Language is not null)
        {
            _output.Write('@');
            _output.Write(literal.Language);
        }
        else if (datatype != Xsd.StringIri)
        {
            _output.Write("^^");
            WriteIri(datatype);
        }
    }

    private void WriteIri(string iri)
    {
        if (!_iriText.TryGetValue(iri, out var text))
        {
            text = Abbreviate(iri);
            // Bounded: a working set of predicates and classes repeats, instance IRIs mostly do not.
            if (_iriText.Count >= 4096) _iriText.Clear();
            _iriText[iri] = text;
        }
        _output.Write(text);
    }

    private string Abbreviate(string iri)
    {
        foreach (var (prefix, ns) in _prefixes)
            if (iri.Length >= ns.Length && iri.StartsWith(ns, StringComparison.Ordinal)
                && TurtleLexicalForms.IsPlainLocalName(iri.AsSpan(ns.Length)))
                return prefix + ":" + iri[ns.Length..];
        if (_base is not null && iri.StartsWith(_base, StringComparison.Ordinal))
        {
            var relative = iri[_base.Length..];
            if (relative.Length > 0 && relative[0] is not ('/' or '?') && !relative.Contains(':')
                && IriResolver.Resolve(_base, relative) == iri)
                return "<" + NTriplesEscaping.EscapeIri(relative) + ">";
        }
        return "<" + NTriplesEscaping.EscapeIri(iri) + ">";
    }

    private static bool IsValidPrefix(string prefix)
    {
        if (prefix.Length == 0) return true;
        if (!CharClasses.IsPnCharsBase(prefix[0]) || prefix[^1] == '.') return false;
        foreach (char c in prefix)
            if (!(CharClasses.IsPnChars(c) || c == '.')) return false;
        return true;
    }
}
