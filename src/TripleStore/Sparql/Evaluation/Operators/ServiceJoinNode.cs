using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// A bind join with a SERVICE: the local side's solutions are collected in batches and each batch is
/// shipped to the endpoint as one VALUES block, so the remote side sees only the keys it can match and
/// one request serves many solutions.
/// </summary>
internal sealed class ServiceJoinNode(PlanNode left, ServiceNode service, int batchSize) : PlanNode
{
    public override string Name => "ServiceJoin";

    public override string? Detail => $"bind join, {batchSize} solutions per request";

    public override IReadOnlyList<PlanNode> Children => new PlanNode[] { left, service };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var batch = new List<Term?[]>(batchSize);
        foreach (var row in left.Execute(input, ctx))
        {
            ctx.Tick();
            batch.Add(row);
            if (batch.Count < batchSize) continue;
            foreach (var r in service.RunBatch(batch.ToArray(), ctx)) yield return r;
            batch.Clear();
        }
        if (batch.Count > 0)
            foreach (var r in service.RunBatch(batch.ToArray(), ctx)) yield return r;
    }
}
