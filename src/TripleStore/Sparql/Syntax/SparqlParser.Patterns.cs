using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Syntax;

internal sealed partial class SparqlParser
{
    private bool _groupEndedWithOwnFilter;

    /// <summary>GroupGraphPattern, translated per section 18.2.2.</summary>
    private GraphPattern GroupGraphPattern()
    {
        Enter();
        ExpectPunct("{");
        GraphPattern result;
        if (_token.IsWord("SELECT"))
        {
            result = SubSelect();
            _groupEndedWithOwnFilter = false;
        }
        else
        {
            result = GroupGraphPatternSub();
        }
        _lastGroupClose = _token;
        ExpectPunct("}");
        Exit();
        return result;
    }

    private GraphPattern GroupGraphPatternSub()
    {
        GraphPattern? g = null;
        var filters = new List<Expression>();
        var block = new List<TripleOrPath>();
        int outerBgp = _currentBgp;
        StartBgpScope();

        void Flush()
        {
            if (block.Count == 0) return;
            g = JoinWith(g, BlockToPattern(block));
            block = new List<TripleOrPath>();
            StartBgpScope();
        }

        int chain = 0;
        while (!_token.IsPunct("}"))
        {
            if (!IsTriplesStart && !_token.IsWord("FILTER")) CheckChain(ref chain, "group elements");
            if (IsTriplesStart)
            {
                TriplesSameSubjectPath(block);
                if (!AcceptPunct(".") && !_token.IsPunct("}") && IsTriplesStart)
                    throw Expected("'.' between triple patterns");
                continue;
            }
            var t = _token;
            if (t.IsWord("FILTER"))
            {
                Advance();
                filters.Add(Constraint());
            }
            else if (t.IsWord("OPTIONAL"))
            {
                Advance();
                Flush();
                var inner = GroupGraphPattern();
                // Only the OPTIONAL group's own FILTERs become the LeftJoin condition (section 18.2.2.5);
                // a filter of a nested group stays inside it.
                g = inner is FilterPattern f && _groupEndedWithOwnFilter
                    ? new LeftJoinPattern(g ?? BgpPattern.Empty, f.Inner, f.Condition)
                    : new LeftJoinPattern(g ?? BgpPattern.Empty, inner, null);
            }
            else if (t.IsWord("MINUS"))
            {
                Advance();
                Flush();
                g = new MinusPattern(g ?? BgpPattern.Empty, GroupGraphPattern());
            }
            else if (t.IsWord("BIND"))
            {
                Advance();
                Flush();
                ExpectPunct("(");
                var e = Expression();
                ExpectWord("AS");
                var v = _token;
                if (v.Kind != TokenKind.Variable) throw Expected("a variable after AS");
                Advance();
                ExpectPunct(")");
                if (g is not null && g.InScopeVariables().Contains(v.Text))
                    throw Error(v, $"BIND cannot assign ?{v.Text}: it is already in scope in this group");
                g = new ExtendPattern(g ?? BgpPattern.Empty, v.Text, e);
            }
            else if (t.IsWord("GRAPH"))
            {
                Advance();
                Flush();
                var name = VarOrIri();
                g = JoinWith(g, new NamedGraphPattern(name, GroupGraphPattern()));
            }
            else if (t.IsWord("SERVICE"))
            {
                Advance();
                Flush();
                bool silent = AcceptWord("SILENT");
                var endpoint = VarOrIri();
                var open = _token;
                var inner = GroupGraphPattern();
                g = JoinWith(g, new ServicePattern(endpoint, inner, silent) { QueryText = ServiceQueryText(open, _lastGroupClose) });
            }
            else if (t.IsWord("VALUES"))
            {
                Flush();
                g = JoinWith(g, DataBlock());
            }
            else if (t.IsPunct("{"))
            {
                Flush();
                var p = GroupGraphPattern();
                int unions = 0;
                while (AcceptWord("UNION"))
                {
                    CheckChain(ref unions, "UNION branches");
                    p = new UnionPattern(p, GroupGraphPattern());
                }
                g = JoinWith(g, p);
            }
            else
            {
                throw Expected("a triple pattern, '{', OPTIONAL, MINUS, UNION, GRAPH, SERVICE, FILTER, BIND, VALUES or '}'");
            }
            AcceptPunct(".");
        }
        Flush();
        _currentBgp = outerBgp;
        g ??= BgpPattern.Empty;
        if (filters.Count > 0) g = new FilterPattern(Conjunction(filters), g);
        _groupEndedWithOwnFilter = filters.Count > 0;
        return g;
    }

    private static GraphPattern JoinWith(GraphPattern? left, GraphPattern right)
    {
        if (left is null || left is BgpPattern { IsEmpty: true }) return right;
        if (right is BgpPattern { IsEmpty: true }) return left;
        return new JoinPattern(left, right);
    }

    private static GraphPattern BlockToPattern(List<TripleOrPath> block)
    {
        var triples = new List<TriplePattern>();
        GraphPattern? paths = null;
        foreach (var item in block)
        {
            if (item.Triple is not null) triples.Add(item.Triple);
            else paths = paths is null ? item.Path! : new JoinPattern(paths, item.Path!);
        }
        GraphPattern bgp = new BgpPattern(triples);
        return paths is null ? bgp : triples.Count == 0 ? paths : new JoinPattern(bgp, paths);
    }

    private TermPattern VarOrIri()
    {
        if (_token.Kind == TokenKind.Variable)
        {
            var v = TermPattern.Var(_token.Text);
            Advance();
            return v;
        }
        if (IsIriStart) return ParseIri();
        throw Expected("a variable or an IRI");
    }

    /// <summary>VALUES: one variable with a list of values, or a tuple of variables with rows.</summary>
    private ValuesPattern DataBlock()
    {
        ExpectWord("VALUES");
        var vars = new List<string>();
        bool single = false;
        if (_token.Kind == TokenKind.Variable)
        {
            vars.Add(_token.Text);
            Advance();
            single = true;
        }
        else if (_token.Kind == TokenKind.Nil) Advance();
        else
        {
            ExpectPunct("(");
            while (_token.Kind == TokenKind.Variable)
            {
                if (vars.Contains(_token.Text)) throw Error($"?{_token.Text} appears twice in VALUES");
                vars.Add(_token.Text);
                Advance();
            }
            ExpectPunct(")");
        }
        ExpectPunct("{");
        var rows = new List<Term?[]>();
        while (!_token.IsPunct("}"))
        {
            if (single)
            {
                rows.Add(new[] { DataBlockValue() });
                continue;
            }
            var at = _token;
            if (_token.Kind == TokenKind.Nil)
            {
                Advance();
                if (vars.Count != 0) throw Error(at, $"this VALUES row has 0 values but {vars.Count} variables are declared");
                rows.Add(Array.Empty<Term?>());
                continue;
            }
            ExpectPunct("(");
            var row = new List<Term?>();
            while (!_token.IsPunct(")")) row.Add(DataBlockValue());
            Advance();
            if (row.Count != vars.Count) throw Error(at, $"this VALUES row has {row.Count} values but {vars.Count} variables are declared");
            rows.Add(row.ToArray());
        }
        Advance();
        return new ValuesPattern(vars, rows);
    }

    private Term? DataBlockValue()
    {
        if (AcceptWord("UNDEF")) return null;
        if (IsIriStart) return ParseIri();
        if (_token.Kind == TokenKind.BlankNodeLabel || _token.Kind == TokenKind.Anon)
            throw Error("blank nodes are not allowed in VALUES");
        if (TryLiteral(out var literal)) return literal;
        throw Expected("an IRI, a literal or UNDEF in VALUES");
    }
}
