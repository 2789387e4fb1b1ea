using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>DISTINCT, streaming: a row is emitted the first time it is seen.</summary>
internal sealed class DistinctNode(PlanNode inner) : PlanNode
{
    public override string Name => "Distinct";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var seen = new HashSet<RowKey>();
        foreach (var r in inner.Execute(input, ctx))
        {
            ctx.Tick();
            if (!seen.Add(new RowKey(r))) continue;
            ctx.CheckMemory(seen.Count, "DISTINCT");
            yield return r;
        }
    }
}
