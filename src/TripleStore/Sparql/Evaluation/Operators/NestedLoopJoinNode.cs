using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>Runs the right side once per left solution with that solution as input (an index join for BGPs).</summary>
internal sealed class NestedLoopJoinNode(PlanNode left, PlanNode right) : PlanNode
{
    public override string Name => "NestedLoopJoin";

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        foreach (var l in left.Execute(input, ctx))
            foreach (var r in right.Execute(l, ctx))
                yield return r;
    }
}
