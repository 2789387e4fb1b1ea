using TripleStore.Rdf;

namespace TripleStore.Formats.Text;

/// <summary>
/// Reads the terms that N-Triples, N-Quads, Turtle and TriG spell alike: IRI references, labelled blank nodes
/// and quoted literals with their language tag or datatype. Repeated IRI and blank node tokens come from
/// caches of the terms already built. What differs between the syntaxes is given by the reader that owns it:
/// how the text of an IRI reference becomes an IRI (N-Triples: it must be absolute; Turtle: it is resolved
/// against the base), and what else may name a datatype after "^^" (Turtle: a prefixed name).
/// </summary>
internal sealed class TermReader
{
    /// <summary>Builds the IRI of an IRI reference's text, or throws the syntax error; <paramref name="at"/> is its '&lt;'.</summary>
    public delegate Iri IriFactory(string text, SourcePosition at);

    /// <summary>Reads a datatype that is not an IRI reference at the scanner's position, or returns null when none starts there.</summary>
    public delegate Iri? DatatypeReader();

    private readonly TextScanner _in;
    private readonly BlankNodeScope _blankNodeScope;
    private readonly IriFactory _toIri;
    private readonly DatatypeReader? _otherDatatype;
    private readonly TermCache<Iri> _iris = new();
    private readonly TermCache<BlankNode> _blankNodes = new();

    public TermReader(TextScanner input, BlankNodeScope blankNodes, IriFactory toIri, DatatypeReader? otherDatatype = null)
    {
        _in = input;
        _blankNodeScope = blankNodes;
        _toIri = toIri;
        _otherDatatype = otherDatatype;
    }

    /// <summary>Reads an IRI reference at its '&lt;'.</summary>
    public Iri ReadIriRef()
    {
        var s = _in;
        var at = s.Position;
        s.Advance();
        s.ReadIriRef();
        if (_iris.TryGet(s.Token, out var cached)) return cached;
        var text = s.TokenString();
        var iri = _toIri(text, at);
        _iris.Add(text, iri);
        return iri;
    }

    /// <summary>Forgets the IRIs built so far: the same text may now mean another IRI (a new base).</summary>
    public void ForgetIris() => _iris.Clear();

    /// <summary>Reads a labelled blank node at its '_'.</summary>
    public BlankNode ReadBlankNode()
    {
        var s = _in;
        s.Advance();
        if (!s.TryConsume(':')) throw s.Error($"Expected ':' after '_' in a blank node label, found {s.DescribeNext()}");
        s.ReadBlankNodeLabel();
        if (_blankNodes.TryGet(s.Token, out var cached)) return cached;
        var label = s.TokenString();
        var node = _blankNodeScope.Get(label);
        _blankNodes.Add(label, node);
        return node;
    }

    /// <summary>
    /// Reads a literal at its opening quote (' or "), with its language tag or datatype; a tripled quote opens
    /// a long string when <paramref name="longStrings"/> allows it.
    /// </summary>
    public Literal ReadLiteral(bool longStrings)
    {
        var s = _in;
        char quote = (char)s.Peek();
        s.Advance();
        if (longStrings && s.Peek() == quote && s.PeekAt(1) == quote)
        {
            s.Advance(2);
            s.ReadLongString(quote);
        }
        else s.ReadShortString(quote);
        var value = s.TokenString();
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
            if (!s.TryConsume('^')) throw s.Error($"Expected '^^' before the datatype, found {s.DescribeNext()}");
            var datatype = s.Peek() == '<' ? ReadIriRef()
                : _otherDatatype?.Invoke() ?? throw s.Error($"Expected a datatype IRI after '^^', found {s.DescribeNext()}");
            if (datatype.Value == RdfVocabulary.LangStringIri)
                throw s.Error(at, "A literal typed rdf:langString must have a language tag");
            return Literal.Typed(value, datatype);
        }
        return Literal.Simple(value);
    }
}
