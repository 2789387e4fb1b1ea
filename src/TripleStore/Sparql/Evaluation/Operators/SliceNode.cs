using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>OFFSET/LIMIT. Stops pulling from below as soon as the limit is reached.</summary>
internal sealed class SliceNode(PlanNode inner, long offset, long? limit) : PlanNode
{
    public override string Name => "Slice";

    public override string? Detail => $"offset {offset}" + (limit is { } l ? $" limit {l}" : "");

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        if (limit == 0) yield break;
        long skipped = 0, taken = 0;
        foreach (var r in inner.Execute(input, ctx))
        {
            if (skipped < offset) { skipped++; continue; }
            yield return r;
            if (limit is { } l && ++taken >= l) yield break;
        }
    }
}
