using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// Turns algebra expressions into <see cref="Evaluable"/> trees bound to variable slots. The special
/// forms (variables, BOUND, IF, COALESCE, IN, EXISTS, &amp;&amp; and || with their error rules, BNODE) are
/// evaluated here; operators go to <see cref="SparqlOperators"/> and functions to <see cref="SparqlFunctionLibrary"/>.
/// </summary>
internal sealed class ExpressionCompiler
{
    private readonly VariableTable _variables;
    private readonly Func<GraphPattern, PlanNode> _compileExists;
    private readonly IReadOnlyDictionary<string, Term>? _parameters;

    private readonly HashSet<int> _assignedSlots;

    public ExpressionCompiler(VariableTable variables, Func<GraphPattern, PlanNode> compileExists, IReadOnlyDictionary<string, Term>? parameters, HashSet<int> assignedSlots)
    {
        _assignedSlots = assignedSlots;
        _variables = variables;
        _compileExists = compileExists;
        _parameters = parameters;
    }

    public Evaluable Compile(Expression e)
    {
        switch (e)
        {
            case VariableExpression v:
                return new VariableEval(_variables.Slot(v.Name), _parameters?.GetValueOrDefault(v.Name));
            case ConstantExpression c:
                return new ConstantEval(c.Value);
            case ExistsExpression x:
                return new ExistsEval(_compileExists(x.Pattern), x.Negated);
            case AggregateExpression a:
                throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation, $"The aggregate {a.Name} is not allowed here.");
            case FunctionCallExpression f:
                return CompileCall(f);
        }
        throw new NotSupportedException(e.GetType().Name);
    }

    private Evaluable CompileCall(FunctionCallExpression f)
    {
        var args = f.Arguments.Select(Compile).ToArray();
        if (f.IsIri)
        {
            if (SparqlFunctionLibrary.TryGet(f.Name, out var cast)) return new LibraryEval(cast, args);
            return new UnknownFunctionEval();
        }
        switch (f.Name)
        {
            case "&&": return new AndEval(args[0], args[1]);
            case "||": return new OrEval(args[0], args[1]);
            case "!": return new OperatorEval(args, a => SparqlOperators.Not(a[0]));
            case "=": return new OperatorEval(args, a => SparqlOperators.Boolean(SparqlOperators.Equal(a[0], a[1])));
            case "!=": return new OperatorEval(args, a => SparqlOperators.Boolean(SparqlOperators.NotEqual(a[0], a[1])));
            case "<": return new OperatorEval(args, a => SparqlOperators.Boolean(SparqlOperators.LessThan(a[0], a[1])));
            case ">": return new OperatorEval(args, a => SparqlOperators.Boolean(SparqlOperators.GreaterThan(a[0], a[1])));
            case "<=": return new OperatorEval(args, a => SparqlOperators.Boolean(SparqlOperators.LessThanOrEqual(a[0], a[1])));
            case ">=": return new OperatorEval(args, a => SparqlOperators.Boolean(SparqlOperators.GreaterThanOrEqual(a[0], a[1])));
            case "+": return new OperatorEval(args, a => SparqlOperators.Add(a[0], a[1]));
            case "-": return new OperatorEval(args, a => SparqlOperators.Subtract(a[0], a[1]));
            case "*": return new OperatorEval(args, a => SparqlOperators.Multiply(a[0], a[1]));
            case "/": return new OperatorEval(args, a => SparqlOperators.Divide(a[0], a[1]));
            case "UMINUS": return new OperatorEval(args, a => SparqlOperators.UnaryMinus(a[0]));
            case "UPLUS": return new OperatorEval(args, a => SparqlOperators.UnaryPlus(a[0]));
            case "BOUND": return new BoundEval(args[0]);
            case "IF": return new IfEval(args[0], args[1], args[2]);
            case "COALESCE": return new CoalesceEval(args);
            case "IN": return new InEval(args[0], args[1..], negated: false);
            case "NOTIN": return new InEval(args[0], args[1..], negated: true);
            case "BNODE": return args.Length == 0 ? new BNodeEval(null, _assignedSlots) : new BNodeEval(args[0], _assignedSlots);
        }
        if (f.Name == "REGEX" && ConstantRegex(f, args) is { } regex) return regex;
        if (SparqlFunctionLibrary.TryGet(f.Name, out var fn)) return new LibraryEval(fn, args);
        throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation, $"The function {f.Name} is not supported.");
    }

    /// <summary>
    /// REGEX with a constant pattern and flags: the pattern is translated and compiled once, not looked
    /// up per row, and a pattern without metacharacters is a plain substring search. A pattern that
    /// does not compile stays on the general path, which gives the error value for every row.
    /// </summary>
    private static Evaluable? ConstantRegex(FunctionCallExpression f, Evaluable[] args)
    {
        if (args.Length is not (2 or 3)) return null;
        if (f.Arguments[1] is not ConstantExpression { Value: Literal { Language: null } p } || p.Datatype.Value != XsdNames.String) return null;
        string flags = "";
        if (args.Length == 3)
        {
            if (f.Arguments[2] is not ConstantExpression { Value: Literal { Language: null } fl } || fl.Datatype.Value != XsdNames.String) return null;
            flags = fl.Value;
        }
        if (XPathRegex.IsPlainSubstring(p.Value, flags)) return new SubstringRegexEval(args[0], p.Value);
        try { return new CompiledRegexEval(args[0], XPathRegex.Get(p.Value, flags), p.Value); }
        catch (ExpressionErrorException) { return null; }
    }

    private sealed class SubstringRegexEval(Evaluable text, string substring) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx) =>
            EvalBoolean(row, ctx) is bool b ? SparqlOperators.Boolean(b) : null;

        // A filter asks for the truth value: answered without making the boolean literal and reading it back.
        public override bool? EvalBoolean(Term?[] row, EvaluationContext ctx) =>
            text.Eval(row, ctx) is Literal l && LiteralValues.IsStringLiteral(l)
                ? l.Value.Contains(substring, StringComparison.Ordinal)
                : null;
    }

    private sealed class CompiledRegexEval(Evaluable text, System.Text.RegularExpressions.Regex regex, string pattern) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx) =>
            EvalBoolean(row, ctx) is bool b ? SparqlOperators.Boolean(b) : null;

        public override bool? EvalBoolean(Term?[] row, EvaluationContext ctx) =>
            text.Eval(row, ctx) is Literal l && LiteralValues.IsStringLiteral(l)
                ? XPathRegex.IsMatch(regex, l.Value, pattern)
                : null;
    }

    private sealed class VariableEval(int slot, Term? parameter) : Evaluable
    {
        public int Slot => slot;
        public override Term? Eval(Term?[] row, EvaluationContext ctx) => row[slot] ?? parameter;
    }

    private sealed class ConstantEval(Term value) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx) => value;
    }

    private sealed class UnknownFunctionEval : Evaluable
    {
        // An unknown extension function is an error value, not a query failure (section 17.3).
        public override Term? Eval(Term?[] row, EvaluationContext ctx) => null;
    }

    private sealed class AndEval(Evaluable left, Evaluable right) : Evaluable
    {
        // Section 17.2: an error and false is false; an error and true is an error.
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            var a = left.EvalBoolean(row, ctx);
            if (a == false) return SparqlOperators.False;
            var b = right.EvalBoolean(row, ctx);
            if (b == false) return SparqlOperators.False;
            if (a is null || b is null) return null;
            return SparqlOperators.True;
        }
    }

    private sealed class OrEval(Evaluable left, Evaluable right) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            var a = left.EvalBoolean(row, ctx);
            if (a == true) return SparqlOperators.True;
            var b = right.EvalBoolean(row, ctx);
            if (b == true) return SparqlOperators.True;
            if (a is null || b is null) return null;
            return SparqlOperators.False;
        }
    }

    private sealed class OperatorEval(Evaluable[] args, Func<Term[], Term> op) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            var values = new Term[args.Length];
            for (int i = 0; i < args.Length; i++)
            {
                var v = args[i].Eval(row, ctx);
                if (v is null) return null;
                values[i] = v;
            }
            try { return op(values); }
            catch (ExpressionErrorException) { return null; }
        }
    }

    private sealed class LibraryEval(SparqlFunction function, Evaluable[] args) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            var values = new Term[args.Length];
            for (int i = 0; i < args.Length; i++)
            {
                var v = args[i].Eval(row, ctx);
                if (v is null) return null;
                values[i] = v;
            }
            try { return function(values, ctx.Functions); }
            catch (ExpressionErrorException) { return null; }
        }
    }

    private sealed class BoundEval(Evaluable variable) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx) => SparqlOperators.Boolean(variable.Eval(row, ctx) is not null);
    }

    private sealed class IfEval(Evaluable condition, Evaluable then, Evaluable otherwise) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx) => condition.EvalBoolean(row, ctx) switch
        {
            true => then.Eval(row, ctx),
            false => otherwise.Eval(row, ctx),
            null => null,
        };
    }

    private sealed class CoalesceEval(Evaluable[] args) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            foreach (var a in args)
                if (a.Eval(row, ctx) is { } v) return v;
            return null;
        }
    }

    private sealed class InEval(Evaluable value, Evaluable[] list, bool negated) : Evaluable
    {
        // Section 17.4.1.9: true if some member is equal; an error if none is and some comparison erred.
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            var v = value.Eval(row, ctx);
            if (v is null) return null;
            bool error = false;
            foreach (var item in list)
            {
                var x = item.Eval(row, ctx);
                if (x is null) { error = true; continue; }
                var eq = ExpressionSupport.Equal(v, x);
                if (eq == true) return SparqlOperators.Boolean(!negated);
                if (eq is null) error = true;
            }
            return error ? null : SparqlOperators.Boolean(negated);
        }
    }

    private sealed class ExistsEval(PlanNode pattern, bool negated) : Evaluable
    {
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            bool any;
            using (var e = pattern.Execute(row, ctx).GetEnumerator()) any = e.MoveNext();
            return SparqlOperators.Boolean(any != negated);
        }
    }

    private sealed class BNodeEval(Evaluable? label, HashSet<int> assignedSlots) : Evaluable
    {
        // BNODE("x") gives the same node for the same label within one solution and a new one in
        // another. A solution is identified by its bindings other than BIND results, so the BNODE
        // calls of two BINDs over the same solution agree.
        public override Term? Eval(Term?[] row, EvaluationContext ctx)
        {
            if (label is null) return BlankNode.CreateUnique();
            if (label.Eval(row, ctx) is not Literal l || !l.IsSimple) return null;
            var values = (Term?[])row.Clone();
            foreach (var s in assignedSlots) values[s] = null;
            return ctx.BlankNodeFor(new RowKey(values), l.Value);
        }
    }
}
