using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// REDUCED: duplicates may be dropped but need not be. Passing rows through unchanged keeps the
/// operator streaming and memory-free, and gives the same cardinality as the query without REDUCED.
/// </summary>
internal sealed class ReducedNode(PlanNode inner) : PlanNode
{
    public override string Name => "Reduced";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx) => inner.Execute(input, ctx);
}
