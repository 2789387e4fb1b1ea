using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// GROUP BY with aggregation: one solution per group binding the key variables and the aggregates.
/// Without GROUP BY keys there is exactly one group, even over no solutions (section 18.5, Group).
/// Groups are aggregated in memory up to <see cref="QueryOptions.MaxRowsInMemory"/>; past it, rows of
/// groups not yet held spill to disk (or the query fails when spilling is off) and are aggregated after
/// an external sort on the group key, each group's rows in input order so that GROUP_CONCAT and SAMPLE
/// see them as they would in memory.
/// </summary>
internal sealed class GroupNode(PlanNode inner, Evaluable[] keyExpressions, int[] keySlots, AggregateSpec[] aggregates, string text) : PlanNode
{
    private const string Operator = "GROUP BY";

    public override string Name => "Group";

    public override string? Detail => text;

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var groups = new Dictionary<RowKey, Aggregator[]>();
        var order = new List<RowKey>();
        ExternalSorter? spilled = null;
        try
        {
            long seq = 0;
            foreach (var r in inner.Execute(input, ctx))
            {
                ctx.Tick();
                var values = new Term?[keyExpressions.Length];
                for (int i = 0; i < values.Length; i++) values[i] = keyExpressions[i].Eval(r, ctx);
                var key = new RowKey(values);
                if (!groups.TryGetValue(key, out var accumulators))
                {
                    if (spilled is not null || groups.Count >= ctx.Options.MaxRowsInMemory)
                    {
                        // The groups held stay complete in memory; every row of a new group goes to disk.
                        spilled ??= new ExternalSorter(ctx, ctx.SpillOrFail(groups.Count + 1, Operator), KeyOrder.Instance, Operator, ctx.Options.MaxRowsInMemory);
                        spilled.Add(new SpillRecord(seq++, values, r));
                        continue;
                    }
                    groups[key] = accumulators = aggregates.Select(a => a.Create()).ToArray();
                    order.Add(key);
                }
                for (int i = 0; i < aggregates.Length; i++) aggregates[i].Feed(accumulators[i], r, ctx);
            }
            if (groups.Count == 0 && keyExpressions.Length == 0)
            {
                var empty = new RowKey(Array.Empty<Term?>());
                groups[empty] = aggregates.Select(a => a.Create()).ToArray();
                order.Add(empty);
            }
            foreach (var key in order) yield return Output(input, key.Values, groups[key]);
            if (spilled is null) yield break;
            groups.Clear();
            order.Clear();

            Term?[]? current = null;
            Aggregator[]? state = null;
            foreach (var record in spilled.Sorted())
            {
                if (current is null || KeyOrder.CompareKeys(current, record.Keys) != 0)
                {
                    if (current is not null) yield return Output(input, current, state!);
                    current = record.Keys;
                    state = aggregates.Select(a => a.Create()).ToArray();
                }
                for (int i = 0; i < aggregates.Length; i++) aggregates[i].Feed(state![i], record.Row, ctx);
            }
            if (current is not null) yield return Output(input, current, state!);
        }
        finally
        {
            spilled?.Dispose();
        }
    }

    private Term?[] Output(Term?[] input, Term?[] key, Aggregator[] accumulators)
    {
        var row = (Term?[])input.Clone();
        for (int i = 0; i < keySlots.Length; i++) row[keySlots[i]] ??= key[i];
        for (int i = 0; i < aggregates.Length; i++) row[aggregates[i].Slot] = accumulators[i].Result();
        return row;
    }
}
