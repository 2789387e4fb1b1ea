using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Syntax;

internal sealed partial class SparqlParser
{
    private bool IsBuiltInStart => _token.Kind == TokenKind.Word
        && (BuiltInFunctions.IsBuiltIn(_token.Text) || BuiltInFunctions.IsAggregate(_token.Text)
            || _token.IsWord("EXISTS") || _token.IsWord("NOT"));

    /// <summary>Constraint: BrackettedExpression | BuiltInCall | FunctionCall.</summary>
    private Expression Constraint()
    {
        if (_token.IsPunct("(")) return BrackettedExpression();
        if (IsBuiltInStart) return BuiltInCall();
        if (IsIriStart)
        {
            var at = _token;
            var iri = ParseIri();
            if (!(_token.IsPunct("(") || _token.Kind == TokenKind.Nil)) throw Error(at, "expected a function call here, not a bare IRI");
            return FunctionCall(iri);
        }
        throw Expected("a bracketed expression or a function call");
    }

    private Expression BrackettedExpression()
    {
        ExpectPunct("(");
        var e = Expression();
        ExpectPunct(")");
        return e;
    }

    private Expression Expression()
    {
        Enter();
        try
        {
            var e = AndExpression();
            int chain = 0;
            while (AcceptPunct("||")) { CheckChain(ref chain, "'||' operands"); e = Call("||", e, AndExpression()); }
            return e;
        }
        finally { Exit(); }
    }

    private static FunctionCallExpression Call(string name, params Expression[] args) => new(name, args);

    private Expression AndExpression()
    {
        var e = RelationalExpression();
        int chain = 0;
        while (AcceptPunct("&&")) { CheckChain(ref chain, "'&&' operands"); e = Call("&&", e, RelationalExpression()); }
        return e;
    }

    private Expression RelationalExpression()
    {
        var e = AdditiveExpression();
        if (_token.Kind == TokenKind.Punctuation && _token.Text is "=" or "!=" or "<" or ">" or "<=" or ">=")
        {
            var op = _token.Text;
            Advance();
            return Call(op, e, AdditiveExpression());
        }
        if (_token.IsWord("IN"))
        {
            Advance();
            return new FunctionCallExpression("IN", new[] { e }.Concat(ExpressionList()).ToList());
        }
        if (_token.IsWord("NOT") && PeekNext().IsWord("IN"))
        {
            Advance();
            Advance();
            return new FunctionCallExpression("NOTIN", new[] { e }.Concat(ExpressionList()).ToList());
        }
        return e;
    }

    private List<Expression> ExpressionList()
    {
        var list = new List<Expression>();
        if (_token.Kind == TokenKind.Nil)
        {
            Advance();
            return list;
        }
        ExpectPunct("(");
        list.Add(Expression());
        while (AcceptPunct(",")) list.Add(Expression());
        ExpectPunct(")");
        return list;
    }

    private Expression AdditiveExpression()
    {
        var e = MultiplicativeExpression();
        int chain = 0;
        while (_token.IsPunct("+") || _token.IsPunct("-"))
        {
            CheckChain(ref chain, "'+'/'-' operands");
            var op = _token.Text;
            Advance();
            e = Call(op, e, MultiplicativeExpression());
        }
        return e;
    }

    private Expression MultiplicativeExpression()
    {
        var e = UnaryExpression();
        int chain = 0;
        while (_token.IsPunct("*") || _token.IsPunct("/"))
        {
            CheckChain(ref chain, "'*'/'/' operands");
            var op = _token.Text;
            Advance();
            e = Call(op, e, UnaryExpression());
        }
        return e;
    }

    private Expression UnaryExpression()
    {
        Enter();
        try
        {
            if (AcceptPunct("!")) return Call("!", UnaryExpression());
            if (_token.IsPunct("-") || _token.IsPunct("+"))
            {
                var sign = _token;
                var next = PeekNext();
                if (next.Kind is TokenKind.Integer or TokenKind.Decimal or TokenKind.Double && next.Line == sign.Line && next.Column == sign.Column + 1)
                {
                    Advance();
                    Advance();
                    return new ConstantExpression(NumericLiteral(next.Kind, sign.Text + next.Text));
                }
                Advance();
                return Call(sign.Text == "-" ? "UMINUS" : "UPLUS", UnaryExpression());
            }
            return PrimaryExpression();
        }
        finally { Exit(); }
    }

    private Expression PrimaryExpression()
    {
        var t = _token;
        if (t.IsPunct("(")) return BrackettedExpression();
        if (t.Kind == TokenKind.Variable)
        {
            Advance();
            return new VariableExpression(t.Text);
        }
        if (IsBuiltInStart) return BuiltInCall();
        if (IsIriStart)
        {
            var iri = ParseIri();
            if (_token.IsPunct("(") || _token.Kind == TokenKind.Nil) return FunctionCall(iri);
            return new ConstantExpression(iri);
        }
        if (TryLiteral(out var literal)) return new ConstantExpression(literal);
        if (t.Kind == TokenKind.BlankNodeLabel || t.Kind == TokenKind.Anon) throw Error("blank nodes are not allowed in expressions");
        throw Expected("an expression");
    }

    private Expression FunctionCall(Iri iri)
    {
        if (_token.Kind == TokenKind.Nil)
        {
            Advance();
            return new FunctionCallExpression(iri.Value, Array.Empty<Expression>(), IsIri: true);
        }
        ExpectPunct("(");
        var at = _token;
        if (AcceptWord("DISTINCT"))
        {
            // Custom aggregates are not supported; DISTINCT only makes sense for them.
            throw Error(at, $"DISTINCT is only allowed in aggregates; <{iri.Value}> is not a known aggregate");
        }
        var args = new List<Expression> { Expression() };
        while (AcceptPunct(",")) args.Add(Expression());
        ExpectPunct(")");
        return new FunctionCallExpression(iri.Value, args, IsIri: true);
    }

    private Expression BuiltInCall()
    {
        var t = _token;
        if (t.IsWord("EXISTS") || t.IsWord("NOT"))
        {
            Advance();
            bool negated = t.IsWord("NOT");
            if (negated) ExpectWord("EXISTS");
            bool saved = _aggregatesAllowed;
            _aggregatesAllowed = false;
            try { return new ExistsExpression(GroupGraphPattern(), negated); }
            finally { _aggregatesAllowed = saved; }
        }
        if (BuiltInFunctions.IsAggregate(t.Text)) return Aggregate();
        Advance();
        var name = BuiltInFunctions.Canonical(t.Text);
        var (min, max) = BuiltInFunctions.ArityOf(name);
        List<Expression> args;
        if (name == "BOUND")
        {
            ExpectPunct("(");
            var v = _token;
            if (v.Kind != TokenKind.Variable) throw Expected("a variable in BOUND");
            Advance();
            ExpectPunct(")");
            return new FunctionCallExpression("BOUND", new Expression[] { new VariableExpression(v.Text) });
        }
        if (_token.Kind == TokenKind.Nil)
        {
            Advance();
            args = new List<Expression>();
        }
        else
        {
            if (!_token.IsPunct("(")) throw Expected($"'(' after {t.Text}");
            args = ExpressionList();
        }
        if (args.Count < min || (max >= 0 && args.Count > max))
        {
            var expected = min == max ? $"{min}" : max < 0 ? $"at least {min}" : $"{min} to {max}";
            throw Error(t, $"{t.Text} takes {expected} argument(s), not {args.Count}");
        }
        return new FunctionCallExpression(name, args);
    }

    private Expression Aggregate()
    {
        var t = _token;
        if (!_aggregatesAllowed)
            throw Error(t, $"the aggregate {t.Text.ToUpperInvariant()} is only allowed in SELECT expressions, HAVING and ORDER BY");
        Advance();
        var name = t.Text.ToUpperInvariant();
        ExpectPunct("(");
        bool distinct = AcceptWord("DISTINCT");
        Expression? arg = null;
        string? separator = null;
        _aggregatesAllowed = false;
        try
        {
            if (name == "COUNT" && AcceptPunct("*")) { }
            else arg = Expression();
            if (name == "GROUP_CONCAT" && AcceptPunct(";"))
            {
                ExpectWord("SEPARATOR");
                ExpectPunct("=");
                if (_token.Kind != TokenKind.String) throw Expected("a string after SEPARATOR =");
                separator = _token.Text;
                Advance();
            }
        }
        finally { _aggregatesAllowed = true; }
        ExpectPunct(")");
        return new AggregateExpression(name, distinct, arg, separator);
    }
}
