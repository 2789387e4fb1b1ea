using System.Globalization;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Syntax;

internal sealed partial class SparqlParser
{
    private sealed record SelectItem(string Variable, Expression? Expression, Token At);

    private sealed record SelectSpec(bool Distinct, bool Reduced, bool Star, List<SelectItem> Items, Token At);

    private sealed record Modifiers(List<(Expression Expr, string? Var)>? GroupBy, List<Expression> Having,
        List<OrderCondition> Order, long Offset, long? Limit, Token At);

    private bool _aggregatesAllowed;

    private SelectSpec SelectClause()
    {
        var at = _token;
        ExpectWord("SELECT");
        bool distinct = AcceptWord("DISTINCT");
        bool reduced = !distinct && AcceptWord("REDUCED");
        var items = new List<SelectItem>();
        if (AcceptPunct("*")) return new SelectSpec(distinct, reduced, true, items, at);
        while (true)
        {
            var t = _token;
            if (t.Kind == TokenKind.Variable)
            {
                Advance();
                if (items.Any(i => i.Variable == t.Text)) throw Error(t, $"?{t.Text} is projected twice");
                items.Add(new SelectItem(t.Text, null, t));
            }
            else if (t.IsPunct("("))
            {
                Advance();
                _aggregatesAllowed = true;
                Expression e;
                try { e = Expression(); }
                finally { _aggregatesAllowed = false; }
                ExpectWord("AS");
                var v = _token;
                if (v.Kind != TokenKind.Variable) throw Expected("a variable after AS");
                Advance();
                ExpectPunct(")");
                if (items.Any(i => i.Variable == v.Text)) throw Error(v, $"?{v.Text} is projected twice");
                items.Add(new SelectItem(v.Text, e, v));
            }
            else break;
        }
        if (items.Count == 0) throw Expected("'*', a variable or '(expression AS ?var)' in SELECT");
        return new SelectSpec(distinct, reduced, false, items, at);
    }

    private Modifiers SolutionModifier()
    {
        var at = _token;
        List<(Expression, string?)>? groupBy = null;
        if (AcceptWord("GROUP"))
        {
            ExpectWord("BY");
            groupBy = new();
            do
            {
                if (_token.Kind == TokenKind.Variable)
                {
                    groupBy.Add((new VariableExpression(_token.Text), _token.Text));
                    Advance();
                }
                else if (_token.IsPunct("("))
                {
                    Advance();
                    var e = Expression();
                    string? v = null;
                    if (AcceptWord("AS"))
                    {
                        if (_token.Kind != TokenKind.Variable) throw Expected("a variable after AS");
                        v = _token.Text;
                        Advance();
                    }
                    ExpectPunct(")");
                    groupBy.Add((e, v));
                }
                else if (IsBuiltInStart || IsIriStart)
                {
                    groupBy.Add((PrimaryExpression(), null));
                }
                else if (groupBy.Count == 0) throw Expected("a group condition after GROUP BY");
                else break;
            } while (true);
        }
        var having = new List<Expression>();
        if (AcceptWord("HAVING"))
        {
            _aggregatesAllowed = true;
            try
            {
                do having.Add(Constraint());
                while (_token.IsPunct("(") || IsBuiltInStart || IsIriStart);
            }
            finally { _aggregatesAllowed = false; }
        }
        var order = new List<OrderCondition>();
        if (AcceptWord("ORDER"))
        {
            ExpectWord("BY");
            _aggregatesAllowed = true;
            try
            {
                while (true)
                {
                    if (_token.IsWord("ASC") || _token.IsWord("DESC"))
                    {
                        bool desc = _token.IsWord("DESC");
                        Advance();
                        if (!_token.IsPunct("(")) throw Expected("'(' after ASC/DESC");
                        order.Add(new OrderCondition(BrackettedExpression(), desc));
                    }
                    else if (_token.Kind == TokenKind.Variable)
                    {
                        order.Add(new OrderCondition(new VariableExpression(_token.Text), false));
                        Advance();
                    }
                    else if (_token.IsPunct("(") || IsBuiltInStart || IsIriStart) order.Add(new OrderCondition(Constraint(), false));
                    else if (order.Count == 0) throw Expected("an order condition after ORDER BY");
                    else break;
                }
            }
            finally { _aggregatesAllowed = false; }
        }
        long offset = 0;
        long? limit = null;
        for (int i = 0; i < 2; i++)
        {
            if (limit is null && AcceptWord("LIMIT")) limit = NonNegativeInteger("LIMIT");
            else if (offset == 0 && AcceptWord("OFFSET")) offset = NonNegativeInteger("OFFSET");
        }
        return new Modifiers(groupBy, having, order, offset, limit, at);
    }

    private long NonNegativeInteger(string clause)
    {
        if (_token.Kind != TokenKind.Integer) throw Expected($"a non-negative integer after {clause}");
        if (!long.TryParse(_token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw Error($"{clause} value is too large");
        Advance();
        return n;
    }

    private ValuesPattern? ValuesClause() => _token.IsWord("VALUES") ? DataBlock() : null;

    /// <summary>Builds the algebra of a SELECT (section 18.2.4 and 18.2.5).</summary>
    private GraphPattern BuildSelect(SelectSpec select, GraphPattern where, Modifiers mods, ValuesPattern? values, out List<string> vars)
    {
        var aggregates = new List<AggregateBinding>();
        bool grouping = mods.GroupBy is not null
            || select.Items.Any(i => i.Expression is not null && ContainsAggregate(i.Expression))
            || mods.Having.Any(ContainsAggregate)
            || mods.Order.Any(o => ContainsAggregate(o.Expression));
        if (grouping && select.Star) throw Error(select.At, "SELECT * cannot be used with GROUP BY or aggregates; list the projected variables");

        GraphPattern p = where;
        var items = select.Items.ToList();
        var having = mods.Having;
        var order = mods.Order;
        if (grouping)
        {
            var keys = new List<GroupKey>();
            foreach (var (expr, v) in mods.GroupBy ?? new())
                keys.Add(new GroupKey(expr, v ?? FreshVariable("g")));
            var available = new HashSet<string>((mods.GroupBy ?? new()).Where(g => g.Var is not null).Select(g => g.Var!), StringComparer.Ordinal);
            for (int i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item.Expression is null)
                {
                    if (!available.Contains(item.Variable))
                        throw Error(item.At, $"?{item.Variable} is projected but neither grouped nor aggregated; add it to GROUP BY or use an aggregate such as SAMPLE(?{item.Variable})");
                }
                else
                {
                    var replaced = ReplaceAggregates(item.Expression, aggregates);
                    foreach (var fv in replaced.Variables())
                        if (!IsInternalVariable(fv) && !available.Contains(fv))
                            throw Error(item.At, $"the expression for ?{item.Variable} uses ?{fv}, which is neither grouped nor aggregated");
                    items[i] = item with { Expression = replaced };
                }
                available.Add(item.Variable);
            }
            having = having.Select(h => ReplaceAggregates(h, aggregates)).ToList();
            order = order.Select(o => o with { Expression = ReplaceAggregates(o.Expression, aggregates) }).ToList();
            p = new GroupPattern(p, keys, aggregates);
        }
        if (having.Count > 0) p = new FilterPattern(Conjunction(having), p);
        if (values is not null) p = new JoinPattern(p, values);
        var projected = new HashSet<string>(StringComparer.Ordinal);
        var inScope = new HashSet<string>(p.InScopeVariables(), StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Expression is not null)
            {
                if (inScope.Contains(item.Variable) || projected.Contains(item.Variable))
                    throw Error(item.At, $"?{item.Variable} is already in scope; choose another name for the expression");
                p = new ExtendPattern(p, item.Variable, item.Expression);
            }
            projected.Add(item.Variable);
        }
        vars = select.Star
            ? where.InScopeVariables().Where(v => !IsInternalVariable(v)).ToList()
            : items.Select(i => i.Variable).ToList();
        if (values is not null && select.Star)
            foreach (var v in values.VariableNames) if (!vars.Contains(v)) vars.Add(v);
        return ApplyModifiers(p, mods with { GroupBy = null, Having = new() }, null, vars, select.Distinct, select.Reduced, order);
    }

    private GraphPattern ApplyModifiers(GraphPattern p, Modifiers mods, ValuesPattern? values, IReadOnlyList<string>? project,
        bool distinct, bool reduced, List<OrderCondition>? order = null)
    {
        order ??= mods.Order;
        if (mods.GroupBy is not null || mods.Having.Count > 0)
        {
            var aggregates = new List<AggregateBinding>();
            var keys = (mods.GroupBy ?? new()).Select(g => new GroupKey(g.Expr, g.Var ?? FreshVariable("g"))).ToList();
            var having = mods.Having.Select(h => ReplaceAggregates(h, aggregates)).ToList();
            order = order.Select(o => o with { Expression = ReplaceAggregates(o.Expression, aggregates) }).ToList();
            p = new GroupPattern(p, keys, aggregates);
            if (having.Count > 0) p = new FilterPattern(Conjunction(having), p);
        }
        else if (order.Any(o => ContainsAggregate(o.Expression)))
        {
            throw Error(mods.At, "aggregates in ORDER BY need a grouped query");
        }
        if (values is not null) p = new JoinPattern(p, values);
        if (order.Count > 0) p = new OrderByPattern(p, order);
        if (project is not null) p = new ProjectPattern(p, project);
        if (distinct) p = new DistinctPattern(p);
        else if (reduced) p = new ReducedPattern(p);
        if (mods.Offset > 0 || mods.Limit is not null) p = new SlicePattern(p, mods.Offset, mods.Limit);
        return p;
    }

    private static Expression Conjunction(List<Expression> list)
    {
        var e = list[0];
        for (int i = 1; i < list.Count; i++) e = new FunctionCallExpression("&&", new[] { e, list[i] });
        return e;
    }

    private static bool ContainsAggregate(Expression e) => e switch
    {
        AggregateExpression => true,
        FunctionCallExpression f => f.Arguments.Any(ContainsAggregate),
        _ => false,
    };

    private Expression ReplaceAggregates(Expression e, List<AggregateBinding> aggregates)
    {
        switch (e)
        {
            case AggregateExpression a:
            {
                foreach (var existing in aggregates)
                    if (existing.Aggregate == a || existing.Aggregate.ToString() == a.ToString())
                        return new VariableExpression(existing.Variable);
                var v = FreshVariable("agg");
                aggregates.Add(new AggregateBinding(v, a));
                return new VariableExpression(v);
            }
            case FunctionCallExpression f when f.Arguments.Any(ContainsAggregate):
                return f with { Arguments = f.Arguments.Select(x => ReplaceAggregates(x, aggregates)).ToList() };
            default:
                return e;
        }
    }
}
