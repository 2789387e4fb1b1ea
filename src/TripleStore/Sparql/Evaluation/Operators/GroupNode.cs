using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// GROUP BY with aggregation: one solution per group binding the key variables and the aggregates.
/// Without GROUP BY keys there is exactly one group, even over no solutions (section 18.5, Group).
/// </summary>
internal sealed class GroupNode(PlanNode inner, Evaluable[] keyExpressions, int[] keySlots, AggregateSpec[] aggregates, string text) : PlanNode
{
    public override string Name => "Group";

    public override string? Detail => text;

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var groups = new Dictionary<RowKey, Aggregator[]>();
        var order = new List<RowKey>();
        foreach (var r in inner.Execute(input, ctx))
        {
            ctx.Tick();
            var values = new Term?[keyExpressions.Length];
            for (int i = 0; i < values.Length; i++) values[i] = keyExpressions[i].Eval(r, ctx);
            var key = new RowKey(values);
            if (!groups.TryGetValue(key, out var accumulators))
            {
                groups[key] = accumulators = aggregates.Select(a => a.Create()).ToArray();
                order.Add(key);
                ctx.CheckMemory(groups.Count, "GROUP BY");
            }
            for (int i = 0; i < aggregates.Length; i++) aggregates[i].Feed(accumulators[i], r, ctx);
        }
        if (groups.Count == 0 && keyExpressions.Length == 0)
        {
            var empty = new RowKey(Array.Empty<Term?>());
            groups[empty] = aggregates.Select(a => a.Create()).ToArray();
            order.Add(empty);
        }
        foreach (var key in order)
        {
            var row = (Term?[])input.Clone();
            for (int i = 0; i < keySlots.Length; i++) row[keySlots[i]] ??= key.Values[i];
            var accumulators = groups[key];
            for (int i = 0; i < aggregates.Length; i++) row[aggregates[i].Slot] = accumulators[i].Result();
            yield return row;
        }
    }
}
