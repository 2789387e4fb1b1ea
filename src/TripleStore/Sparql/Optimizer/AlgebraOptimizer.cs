using TripleStore.Sparql.Algebra;
using TripleStore.Sparql.Evaluation;

namespace TripleStore.Sparql.Optimizer;

/// <summary>
/// Rewrites the algebra into an equivalent, cheaper form before compilation: adjacent BGPs are merged
/// (so their triples are ordered together by cost) and filters move down to the side of a join or
/// OPTIONAL that binds all their variables, so rows are dropped before they multiply. Join order inside
/// a BGP is chosen at run time from the data's estimates.
/// </summary>
public static class AlgebraOptimizer
{
    public static GraphPattern Optimize(GraphPattern p) => p switch
    {
        JoinPattern j => MergeJoin(Optimize(j.Left), Optimize(j.Right)),
        LeftJoinPattern lj => lj with { Left = Optimize(lj.Left), Right = Optimize(lj.Right) },
        UnionPattern u => u with { Left = Optimize(u.Left), Right = Optimize(u.Right) },
        MinusPattern m => m with { Left = Optimize(m.Left), Right = Optimize(m.Right) },
        FilterPattern f => PushFilter(f.Condition, Optimize(f.Inner)),
        ExtendPattern e => e with { Inner = Optimize(e.Inner) },
        NamedGraphPattern g => g with { Inner = Optimize(g.Inner) },
        GroupPattern g => g with { Inner = Optimize(g.Inner) },
        OrderByPattern o => o with { Inner = Optimize(o.Inner) },
        ProjectPattern pr => pr with { Inner = Optimize(pr.Inner) },
        DistinctPattern d => d with { Inner = Optimize(d.Inner) },
        ReducedPattern r => r with { Inner = Optimize(r.Inner) },
        SlicePattern s => s with { Inner = Optimize(s.Inner) },
        ServicePattern s => s,
        _ => p,
    };

    private static GraphPattern MergeJoin(GraphPattern left, GraphPattern right)
    {
        if (left is BgpPattern a && right is BgpPattern b) return new BgpPattern(a.Patterns.Concat(b.Patterns).ToList());
        if (left is JoinPattern { Right: BgpPattern lb } lj && right is BgpPattern rb)
            return new JoinPattern(lj.Left, new BgpPattern(lb.Patterns.Concat(rb.Patterns).ToList()));
        return new JoinPattern(left, right);
    }

    // Moving a filter below a join is safe when the side it moves to binds every one of its variables
    // in every solution: the values the filter sees are then the same. EXISTS sees the whole solution,
    // so filters using it stay where they are.
    private static GraphPattern PushFilter(Expression condition, GraphPattern inner)
    {
        if (ContainsExists(condition)) return new FilterPattern(condition, inner);
        // Each conjunct moves on its own: in "FILTER(?price > 5 && !bound(?x))" over an OPTIONAL, the
        // range test can run inside the required part even though the bound test cannot.
        var conjuncts = Conjuncts(condition).ToList();
        if (conjuncts.Count > 1)
        {
            var kept = new List<Expression>();
            foreach (var c in conjuncts)
            {
                if (TryPushBelow(c, inner) is { } moved) inner = moved;
                else kept.Add(c);
            }
            return kept.Count == 0 ? inner : Filtered(And(kept), inner);
        }
        return TryPushBelow(condition, inner) ?? Filtered(condition, inner);
    }

    /// <summary>The pattern with the filter moved below a join or OPTIONAL, or null when it cannot move.</summary>
    private static GraphPattern? TryPushBelow(Expression condition, GraphPattern inner)
    {
        var vars = condition.Variables();
        switch (inner)
        {
            case JoinPattern j when vars.All(PlanCompiler.Certain(j.Left).Contains):
                return new JoinPattern(PushFilter(condition, j.Left), j.Right);
            case JoinPattern j when vars.All(PlanCompiler.Certain(j.Right).Contains):
                return new JoinPattern(j.Left, PushFilter(condition, j.Right));
            case LeftJoinPattern lj when vars.All(PlanCompiler.Certain(lj.Left).Contains):
                return lj with { Left = PushFilter(condition, lj.Left) };
        }
        return null;
    }

    // Filter(a, Filter(b, P)) keeps exactly the rows where both are true: one filter, so the conjuncts
    // are placed together inside a BGP.
    private static FilterPattern Filtered(Expression condition, GraphPattern inner) =>
        inner is FilterPattern f && !ContainsExists(f.Condition)
            ? new FilterPattern(And([condition, f.Condition]), f.Inner)
            : new FilterPattern(condition, inner);

    private static Expression And(IReadOnlyList<Expression> parts) =>
        parts.Aggregate((a, b) => new FunctionCallExpression("&&", new[] { a, b }));

    private static IEnumerable<Expression> Conjuncts(Expression e) =>
        e is FunctionCallExpression { Name: "&&", IsIri: false, Arguments.Count: 2 } f
            ? Conjuncts(f.Arguments[0]).Concat(Conjuncts(f.Arguments[1]))
            : [e];

    private static bool ContainsExists(Expression e) => e switch
    {
        ExistsExpression => true,
        FunctionCallExpression f => f.Arguments.Any(ContainsExists),
        _ => false,
    };
}
