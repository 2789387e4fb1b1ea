using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// Evaluates a pattern on its own (not seeing the input bindings) and joins the result with the input.
/// Used where passing bindings down would change the meaning: filters, BIND and subqueries that
/// mention variables the input may bind. <c>keepSlot</c> (the GRAPH variable) is passed down.
/// </summary>
internal sealed class WrapNode(PlanNode inner, int keepSlot) : PlanNode
{
    public override string Name => "Join";

    public override string? Detail => "evaluated independently";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var seed = ctx.NewRow();
        if (keepSlot >= 0) seed[keepSlot] = input[keepSlot];
        foreach (var r in inner.Execute(seed, ctx))
        {
            ctx.Tick();
            if (Rows.Compatible(input, r)) yield return Rows.Merge(input, r);
        }
    }
}
