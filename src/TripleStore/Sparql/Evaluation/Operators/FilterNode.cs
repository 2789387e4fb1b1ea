using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>Keeps the solutions whose condition has effective boolean value true (errors drop the row).</summary>
internal sealed class FilterNode(PlanNode inner, Evaluable condition, string text) : PlanNode
{
    public override string Name => "Filter";

    public override string? Detail => text;

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        foreach (var r in inner.Execute(input, ctx))
        {
            ctx.Tick();
            if (condition.EvalBoolean(r, ctx) == true) yield return r;
        }
    }
}
