using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

internal sealed class UnionNode(PlanNode left, PlanNode right) : PlanNode
{
    public override string Name => "Union";

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx) =>
        left.Execute(input, ctx).Concat(right.Execute(input, ctx));
}
