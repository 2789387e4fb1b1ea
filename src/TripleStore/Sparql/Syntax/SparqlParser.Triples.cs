using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Syntax;

internal sealed partial class SparqlParser
{
    private bool _templateMode;
    private Dictionary<string, BlankNode> _templateBlankNodes = new(StringComparer.Ordinal);
    // The basic graph pattern each blank node label belongs to: a label may not be shared by two (section 4.1.4).
    private readonly Dictionary<string, int> _blankNodeBgp = new(StringComparer.Ordinal);
    private int _currentBgp;
    private int _bgpCounter;

    private void StartBgpScope() => _currentBgp = ++_bgpCounter;

    private bool IsTriplesStart => _token.Kind switch
    {
        TokenKind.Variable or TokenKind.IriRef or TokenKind.PrefixedName or TokenKind.BlankNodeLabel or TokenKind.Anon
            or TokenKind.Nil or TokenKind.String or TokenKind.Integer or TokenKind.Decimal or TokenKind.Double => true,
        TokenKind.Word => _token.IsWord("true") || _token.IsWord("false"),
        TokenKind.Punctuation => _token.Text is "(" or "[" || (_token.Text is "+" or "-" && PeekNext().Kind is TokenKind.Integer or TokenKind.Decimal or TokenKind.Double),
        _ => false,
    };

    /// <summary>TriplesBlock for CONSTRUCT WHERE: triples separated by '.'.</summary>
    private void TriplesBlockPlain(List<TripleOrPath> items)
    {
        while (IsTriplesStart)
        {
            TriplesSameSubjectPath(items);
            if (!AcceptPunct(".")) break;
        }
    }

    private void TriplesSameSubject(List<TripleOrPath> items) => TriplesSameSubjectPath(items);

    private void TriplesSameSubjectPath(List<TripleOrPath> items)
    {
        if (_token.IsPunct("(") || _token.IsPunct("["))
        {
            var subject = TriplesNode(items);
            if (IsVerbStart) PropertyListNotEmpty(subject, items);
        }
        else
        {
            var subject = VarOrTerm();
            if (!IsVerbStart) throw Expected("a predicate or property path");
            PropertyListNotEmpty(subject, items);
        }
    }

    private bool IsVerbStart => _token.Kind is TokenKind.Variable or TokenKind.IriRef or TokenKind.PrefixedName
        || _token.IsWord("a") && _token.Text == "a"
        || !_templateMode && (_token.IsPunct("^") || _token.IsPunct("!") || _token.IsPunct("("));

    private void PropertyListNotEmpty(TermPattern subject, List<TripleOrPath> items)
    {
        while (true)
        {
            var verb = Verb();
            ObjectList(subject, verb, items);
            if (!_token.IsPunct(";")) return;
            while (AcceptPunct(";")) { }
            if (!IsVerbStart) return;
        }
    }

    /// <summary>A predicate position: a variable (VerbSimple) or a path; plain IRIs come back as <see cref="PredicatePath"/>.</summary>
    private object Verb()
    {
        if (_token.Kind == TokenKind.Variable)
        {
            var v = TermPattern.Var(_token.Text);
            Advance();
            return v;
        }
        if (_templateMode)
        {
            if (_token.IsWord("a") && _token.Text == "a") { Advance(); return new PredicatePath(RdfVocabulary.Type); }
            return new PredicatePath(ParseIri());
        }
        return Path();
    }

    private void ObjectList(TermPattern subject, object verb, List<TripleOrPath> items)
    {
        do
        {
            var obj = GraphNode(items);
            AddTriple(subject, verb, obj, items);
        } while (AcceptPunct(","));
    }

    private TermPattern GraphNode(List<TripleOrPath> items) =>
        _token.IsPunct("(") || _token.IsPunct("[") ? TriplesNode(items) : VarOrTerm();

    /// <summary>A collection or a blank node property list; returns the node that stands for it.</summary>
    private TermPattern TriplesNode(List<TripleOrPath> items)
    {
        Enter();
        try
        {
            if (AcceptPunct("["))
            {
                var node = FreshNode();
                if (!IsVerbStart) throw Expected("a predicate inside '[ ]'");
                PropertyListNotEmpty(node, items);
                ExpectPunct("]");
                return node;
            }
            ExpectPunct("(");
            var elements = new List<TermPattern>();
            while (!AcceptPunct(")"))
            {
                if (_token.Kind == TokenKind.EndOfInput) throw Expected("')' to close the collection");
                elements.Add(GraphNode(items));
            }
            var head = FreshNode();
            var current = head;
            for (int i = 0; i < elements.Count; i++)
            {
                AddTriple(current, new PredicatePath(RdfVocabulary.First), elements[i], items);
                var next = i == elements.Count - 1 ? TermPattern.Of(RdfVocabulary.Nil) : FreshNode();
                AddTriple(current, new PredicatePath(RdfVocabulary.Rest), next, items);
                current = next;
            }
            return head;
        }
        finally { Exit(); }
    }

    private TermPattern FreshNode()
    {
        if (_templateMode) return BlankNode.CreateUnique();
        return TermPattern.Var(FreshVariable("b"));
    }

    private TermPattern VarOrTerm()
    {
        var t = _token;
        switch (t.Kind)
        {
            case TokenKind.Variable:
                Advance();
                return TermPattern.Var(t.Text);
            case TokenKind.IriRef:
            case TokenKind.PrefixedName:
                return ParseIri();
            case TokenKind.BlankNodeLabel:
                Advance();
                return LabelledBlankNode(t);
            case TokenKind.Anon:
                Advance();
                return FreshNode();
            case TokenKind.Nil:
                Advance();
                return RdfVocabulary.Nil;
        }
        if (TryLiteral(out var literal)) return literal;
        throw Expected("a variable, an IRI, a literal or a blank node");
    }

    private TermPattern LabelledBlankNode(Token t)
    {
        if (_templateMode)
        {
            if (!_templateBlankNodes.TryGetValue(t.Text, out var b))
                _templateBlankNodes[t.Text] = b = BlankNode.CreateUnique();
            return b;
        }
        if (_blankNodeBgp.TryGetValue(t.Text, out var bgp) && bgp != _currentBgp)
            throw Error(t, $"the blank node label _:{t.Text} is used in two different basic graph patterns");
        _blankNodeBgp[t.Text] = _currentBgp;
        return TermPattern.Var(".b_" + t.Text);
    }

    /// <summary>Adds s verb o, translating simple paths into triples (section 18.2.2.4).</summary>
    private void AddTriple(TermPattern s, object verb, TermPattern o, List<TripleOrPath> items)
    {
        switch (verb)
        {
            case TermPattern v:
                items.Add(new TripleOrPath(new TriplePattern(s, v, o), null));
                return;
            case PredicatePath p:
                items.Add(new TripleOrPath(new TriplePattern(s, p.Predicate, o), null));
                return;
            case InversePath { Inner: PredicatePath ip }:
                items.Add(new TripleOrPath(new TriplePattern(o, ip.Predicate, s), null));
                return;
            case SequencePath seq:
            {
                var middle = TermPattern.Var(FreshVariable("p"));
                AddTriple(s, seq.First, middle, items);
                AddTriple(middle, seq.Second, o, items);
                return;
            }
            case PropertyPath path:
                items.Add(new TripleOrPath(null, new PathPattern(s, path, o)));
                return;
        }
        throw new InvalidOperationException("unknown verb");
    }

    // ---- property paths ---------------------------------------------------------------------------

    private PropertyPath Path()
    {
        Enter();
        try
        {
            var p = PathSequence();
            int chain = 0;
            while (AcceptPunct("|")) { CheckChain(ref chain, "path alternatives"); p = new AlternativePath(p, PathSequence()); }
            return p;
        }
        finally { Exit(); }
    }

    private PropertyPath PathSequence()
    {
        var p = PathEltOrInverse();
        int chain = 0;
        while (AcceptPunct("/")) { CheckChain(ref chain, "path steps"); p = new SequencePath(p, PathEltOrInverse()); }
        return p;
    }

    private PropertyPath PathEltOrInverse()
    {
        if (AcceptPunct("^")) return new InversePath(PathElt());
        return PathElt();
    }

    private PropertyPath PathElt()
    {
        var p = PathPrimary();
        if (AcceptPunct("?")) return new ZeroOrOnePath(p);
        if (AcceptPunct("*")) return new ZeroOrMorePath(p);
        if (_token.IsPunct("+"))
        {
            Advance();
            return new OneOrMorePath(p);
        }
        return p;
    }

    private PropertyPath PathPrimary()
    {
        if (_token.IsWord("a") && _token.Text == "a")
        {
            Advance();
            return new PredicatePath(RdfVocabulary.Type);
        }
        if (IsIriStart) return new PredicatePath(ParseIri());
        if (AcceptPunct("!")) return NegatedPropertySet();
        if (AcceptPunct("("))
        {
            var p = Path();
            ExpectPunct(")");
            return p;
        }
        throw Expected("an IRI, 'a', '!', '^' or '(' in a property path");
    }

    private PropertyPath NegatedPropertySet()
    {
        var forward = new List<Iri>();
        var inverse = new List<Iri>();
        void One()
        {
            bool inv = AcceptPunct("^");
            Iri iri;
            if (_token.IsWord("a") && _token.Text == "a") { Advance(); iri = RdfVocabulary.Type; }
            else if (IsIriStart) iri = ParseIri();
            else throw Expected("an IRI or 'a' in a negated property set");
            (inv ? inverse : forward).Add(iri);
        }
        if (_token.Kind == TokenKind.Nil) Advance();
        else if (AcceptPunct("("))
        {
            One();
            while (AcceptPunct("|")) One();
            ExpectPunct(")");
        }
        else One();
        return new NegatedPropertySet(forward, inverse);
    }

    // ---- literals ---------------------------------------------------------------------------------

    private bool TryLiteral(out Literal literal)
    {
        var t = _token;
        switch (t.Kind)
        {
            case TokenKind.String:
            {
                Advance();
                if (_token.Kind == TokenKind.LangTag)
                {
                    literal = Literal.LangString(t.Text, _token.Text);
                    Advance();
                }
                else if (AcceptPunct("^^"))
                {
                    var dt = ParseIri();
                    literal = dt.Value == RdfVocabulary.LangStringIri ? Literal.Simple(t.Text) : Literal.Typed(t.Text, dt);
                }
                else literal = Literal.Simple(t.Text);
                return true;
            }
            case TokenKind.Integer:
            case TokenKind.Decimal:
            case TokenKind.Double:
                Advance();
                literal = NumericLiteral(t.Kind, t.Text);
                return true;
            case TokenKind.Word when t.IsWord("true") || t.IsWord("false"):
                Advance();
                literal = Literal.Typed(t.Text.ToLowerInvariant(), Xsd.Boolean);
                return true;
            case TokenKind.Punctuation when t.Text is "+" or "-":
            {
                var n = PeekNext();
                if (n.Kind is TokenKind.Integer or TokenKind.Decimal or TokenKind.Double && n.Line == t.Line && n.Column == t.Column + 1)
                {
                    Advance();
                    Advance();
                    literal = NumericLiteral(n.Kind, t.Text + n.Text);
                    return true;
                }
                break;
            }
        }
        literal = null!;
        return false;
    }

    private static Literal NumericLiteral(TokenKind kind, string text) => kind switch
    {
        TokenKind.Integer => Literal.Typed(text, Xsd.Integer),
        TokenKind.Decimal => Literal.Typed(text, Xsd.Decimal),
        _ => Literal.Typed(text, Xsd.Double),
    };
}
