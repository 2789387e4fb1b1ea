using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// DISTINCT, streaming: a row is emitted the first time it is seen. Past
/// <see cref="QueryOptions.MaxRowsInMemory"/> distinct rows it spills (see <see cref="SpillingDistinct"/>),
/// keeping the in-memory output and order.
/// </summary>
internal sealed class DistinctNode(PlanNode inner) : PlanNode
{
    private const string Operator = "DISTINCT";

    public override string Name => "Distinct";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx) =>
        SpillingDistinct.Distinct(inner.Execute(input, ctx), ctx, Operator);
}
