using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Syntax;

/// <summary>
/// A recursive-descent parser for the SPARQL 1.1 Query grammar (section 19) that translates each group
/// straight into the algebra (section 18.2) when the group closes. The prologue and the triples,
/// expression and group rules are shared with the update grammar, which can be added as another entry point.
/// </summary>
internal sealed partial class SparqlParser
{
    private readonly SparqlLexer _lexer;
    private readonly string _text;
    private readonly SparqlParserOptions _options;
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private string? _base;
    private Token _token;
    private Token? _lookahead;
    private int _depth;
    private int _freshCounter;

    public SparqlParser(string text, string? baseIri, SparqlParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
        _options = options;
        _base = baseIri;
        _lexer = new SparqlLexer(text, options.SourceName);
        _token = _lexer.Next();
    }

    // ---- token plumbing -------------------------------------------------------------------------

    private void Advance()
    {
        if (_lookahead is { } next)
        {
            _token = next;
            _lookahead = null;
        }
        else _token = _lexer.Next();
    }

    private Token PeekNext() => _lookahead ??= _lexer.Next();

    private TripleStoreException Error(string message) => Error(_token, message);

    // ---- SERVICE text -----------------------------------------------------------------------------

    private Token _lastGroupClose;
    private int[]? _lineStarts;

    /// <summary>The source offset of a token, from its line and column (the lexer counts lines at '\n').</summary>
    private int OffsetOf(Token t)
    {
        if (_lineStarts is null)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < _text.Length; i++) if (_text[i] == '\n') starts.Add(i + 1);
            _lineStarts = starts.ToArray();
        }
        return _lineStarts[t.Line - 1] + t.Column - 1;
    }

    /// <summary>
    /// The SERVICE group as the remote endpoint gets it: the text as written (so the server sees the
    /// user's own syntax), behind the prefixes and base in force, as SELECT *.
    /// </summary>
    private string ServiceQueryText(Token open, Token close)
    {
        var text = new System.Text.StringBuilder();
        if (_base is not null) text.Append("BASE <").Append(_base).Append(">\n");
        foreach (var (prefix, ns) in _prefixes) text.Append("PREFIX ").Append(prefix).Append(": <").Append(ns).Append(">\n");
        int start = OffsetOf(open), end = OffsetOf(close);
        return text.Append("SELECT * WHERE ").Append(_text, start, end - start + 1).ToString();
    }

    private TripleStoreException Error(Token at, string message) => _lexer.Error(at.Line, at.Column, message);

    private TripleStoreException Expected(string what) => Error($"expected {what} but found {_token.Describe()}");

    private void ExpectPunct(string p)
    {
        if (!_token.IsPunct(p)) throw Expected("'" + p + "'");
        Advance();
    }

    private bool AcceptPunct(string p)
    {
        if (!_token.IsPunct(p)) return false;
        Advance();
        return true;
    }

    private bool AcceptWord(string keyword)
    {
        if (!_token.IsWord(keyword)) return false;
        Advance();
        return true;
    }

    private void ExpectWord(string keyword)
    {
        if (!AcceptWord(keyword)) throw Expected(keyword);
    }

    private void Enter()
    {
        if (++_depth > _options.MaxNestingDepth)
            throw Error($"the query is nested more than {_options.MaxNestingDepth} levels deep (SparqlParserOptions.MaxNestingDepth)");
    }

    private void Exit() => _depth--;

    private void CheckChain(ref int length, string what)
    {
        if (++length > _options.MaxChainLength)
            throw Error($"more than {_options.MaxChainLength} {what} in a row (SparqlParserOptions.MaxChainLength); split the query");
    }

    /// <summary>A variable name no query can write: '.' cannot start a SPARQL variable name.</summary>
    private string FreshVariable(string kind) => "." + kind + (_freshCounter++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static bool IsInternalVariable(string name) => name.StartsWith('.');

    // ---- prologue ---------------------------------------------------------------------------------

    private void Prologue()
    {
        while (true)
        {
            if (AcceptWord("BASE"))
            {
                if (_token.Kind != TokenKind.IriRef) throw Expected("an IRI after BASE");
                _base = ResolveIri(_token.Text);
                Advance();
            }
            else if (AcceptWord("PREFIX"))
            {
                if (_token.Kind != TokenKind.PrefixedName || _token.Local!.Length != 0) throw Expected("a prefix name such as 'ex:' after PREFIX");
                var prefix = _token.Text;
                Advance();
                if (_token.Kind != TokenKind.IriRef) throw Expected("an IRI after PREFIX " + prefix + ":");
                _prefixes[prefix] = ResolveIri(_token.Text);
                Advance();
            }
            else return;
        }
    }

    private string ResolveIri(string iri)
    {
        if (_base is null || IriSyntax.IsAbsoluteIri(iri, out _)) return iri;
        return IriResolver.Resolve(_base, iri);
    }

    private bool IsIriStart => _token.Kind is TokenKind.IriRef or TokenKind.PrefixedName;

    private Iri ParseIri()
    {
        var t = _token;
        if (t.Kind == TokenKind.IriRef)
        {
            Advance();
            return new Iri(ResolveIri(t.Text));
        }
        if (t.Kind == TokenKind.PrefixedName)
        {
            if (!_prefixes.TryGetValue(t.Text, out var ns))
                throw Error(t, $"the prefix '{t.Text}:' is not declared; add PREFIX {t.Text}: <...>");
            Advance();
            return new Iri(ns + t.Local);
        }
        throw Expected("an IRI");
    }

    // ---- queries ----------------------------------------------------------------------------------

    public SparqlQuery ParseQuery()
    {
        Prologue();
        SparqlQuery query;
        if (_token.IsWord("SELECT")) query = SelectQuery();
        else if (_token.IsWord("CONSTRUCT")) query = ConstructQuery();
        else if (_token.IsWord("DESCRIBE")) query = DescribeQuery();
        else if (_token.IsWord("ASK")) query = AskQuery();
        else throw Expected("SELECT, CONSTRUCT, DESCRIBE or ASK");
        if (_token.Kind != TokenKind.EndOfInput) throw Expected("the end of the query");
        return new SparqlQuery(query.Form, query.Pattern, query.ResultVariables, query.DefaultGraphs, query.NamedGraphs,
            query.Template, query.DescribeTerms, query.Text) { BaseIri = _base };
    }

    private (List<Iri> Default, List<Iri> Named) DatasetClauses()
    {
        var defaults = new List<Iri>();
        var named = new List<Iri>();
        while (AcceptWord("FROM"))
        {
            if (AcceptWord("NAMED")) named.Add(ParseIri());
            else defaults.Add(ParseIri());
        }
        return (defaults, named);
    }

    private SparqlQuery SelectQuery()
    {
        var select = SelectClause();
        var (defaults, named) = DatasetClauses();
        AcceptWord("WHERE");
        var where = GroupGraphPattern();
        var modifiers = SolutionModifier();
        var values = ValuesClause();
        var pattern = BuildSelect(select, where, modifiers, values, out var vars);
        return new SparqlQuery(QueryForm.Select, pattern, vars, defaults, named, null, null, _text);
    }

    /// <summary>SubSelect inside a group: SelectClause WhereClause SolutionModifier ValuesClause.</summary>
    private GraphPattern SubSelect()
    {
        var select = SelectClause();
        AcceptWord("WHERE");
        var where = GroupGraphPattern();
        var modifiers = SolutionModifier();
        var values = ValuesClause();
        return BuildSelect(select, where, modifiers, values, out _);
    }

    private SparqlQuery ConstructQuery()
    {
        ExpectWord("CONSTRUCT");
        if (_token.IsPunct("{"))
        {
            var template = ConstructTemplate();
            var (defaults, named) = DatasetClauses();
            AcceptWord("WHERE");
            var where = GroupGraphPattern();
            var modifiers = SolutionModifier();
            var values = ValuesClause();
            var pattern = ApplyModifiers(where, modifiers, values, project: null, distinct: false, reduced: false);
            return new SparqlQuery(QueryForm.Construct, pattern, where.InScopeVariables().Where(v => !IsInternalVariable(v)).ToList(), defaults, named, template, null, _text);
        }
        else
        {
            // CONSTRUCT WHERE { triples }: the template is the pattern itself.
            var (defaults, named) = DatasetClauses();
            ExpectWord("WHERE");
            var open = _token;
            ExpectPunct("{");
            var items = new List<TripleOrPath>();
            StartBgpScope();
            if (!_token.IsPunct("}")) TriplesBlockPlain(items);
            ExpectPunct("}");
            var triples = new List<TriplePattern>();
            foreach (var item in items)
            {
                if (item.Triple is null) throw Error(open, "CONSTRUCT WHERE allows only plain triple patterns, not property paths");
                triples.Add(item.Triple);
            }
            GraphPattern where = new BgpPattern(triples);
            var modifiers = SolutionModifier();
            var values = ValuesClause();
            var pattern = ApplyModifiers(where, modifiers, values, project: null, distinct: false, reduced: false);
            return new SparqlQuery(QueryForm.Construct, pattern, where.InScopeVariables().Where(v => !IsInternalVariable(v)).ToList(), defaults, named, triples, null, _text);
        }
    }

    private SparqlQuery DescribeQuery()
    {
        ExpectWord("DESCRIBE");
        var terms = new List<TermPattern>();
        if (!AcceptPunct("*"))
        {
            do
            {
                if (_token.Kind == TokenKind.Variable) { terms.Add(TermPattern.Var(_token.Text)); Advance(); }
                else if (IsIriStart) terms.Add(ParseIri());
                else if (terms.Count == 0) throw Expected("a variable, an IRI or '*' after DESCRIBE");
                else break;
            } while (true);
        }
        var (defaults, named) = DatasetClauses();
        GraphPattern where = BgpPattern.Empty;
        if (AcceptWord("WHERE") || _token.IsPunct("{")) where = GroupGraphPattern();
        var modifiers = SolutionModifier();
        var values = ValuesClause();
        var vars = terms.Count == 0
            ? where.InScopeVariables().Where(v => !IsInternalVariable(v)).ToList()
            : terms.Where(t => t.IsVariable).Select(t => t.Variable!).ToList();
        var pattern = ApplyModifiers(where, modifiers, values, project: vars, distinct: false, reduced: false);
        return new SparqlQuery(QueryForm.Describe, pattern, vars, defaults, named, null, terms, _text);
    }

    private SparqlQuery AskQuery()
    {
        ExpectWord("ASK");
        var (defaults, named) = DatasetClauses();
        AcceptWord("WHERE");
        var where = GroupGraphPattern();
        var modifiers = SolutionModifier();
        var values = ValuesClause();
        var pattern = ApplyModifiers(where, modifiers, values, project: null, distinct: false, reduced: false);
        return new SparqlQuery(QueryForm.Ask, pattern, Array.Empty<string>(), defaults, named, null, null, _text);
    }

    private List<TriplePattern> ConstructTemplate()
    {
        ExpectPunct("{");
        var items = new List<TripleOrPath>();
        _templateMode = true;
        _templateBlankNodes = new Dictionary<string, BlankNode>(StringComparer.Ordinal);
        try
        {
            while (!_token.IsPunct("}"))
            {
                TriplesSameSubject(items);
                if (!AcceptPunct(".")) break;
            }
        }
        finally
        {
            _templateMode = false;
        }
        ExpectPunct("}");
        return items.Select(i => i.Triple!).ToList();
    }
}
