using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>Keeps the projected variables (and whatever the input had bound); clears the rest.</summary>
internal sealed class ProjectNode(PlanNode inner, int[] slots, string text) : PlanNode
{
    public override string Name => "Project";

    public override string? Detail => text;

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    /// <summary>The projected variables' slots.</summary>
    public int[] Slots => slots;

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        foreach (var r in inner.Execute(input, ctx))
        {
            var row = (Term?[])input.Clone();
            foreach (var s in slots) row[s] ??= r[s];
            yield return row;
        }
    }
}
