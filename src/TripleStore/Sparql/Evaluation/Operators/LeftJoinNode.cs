using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// OPTIONAL. With <c>hashed</c> false the right side runs per left solution; otherwise it is built once
/// into a hash table (a <see cref="GraceHashJoin"/> on disk past <see cref="QueryOptions.MaxRowsInMemory"/>
/// rows). The filter is evaluated on the merged solution (section 18.5, LeftJoin).
/// </summary>
internal sealed class LeftJoinNode(PlanNode left, PlanNode right, Evaluable? filter, bool hashed, int[] keySlots) : PlanNode
{
    public override string Name => hashed ? "HashLeftJoin" : "NestedLoopLeftJoin";

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        GraceHashJoin? spilled = null;
        HashTable? table = hashed ? GraceHashJoin.Build(right.Execute(input, ctx), keySlots, ctx, "OPTIONAL (hash left join)", out spilled) : null;
        if (spilled is not null)
        {
            using (spilled)
                foreach (var row in spilled.Run(left.Execute(input, ctx), JoinMode.Optional, (l, r) =>
                         {
                             var merged = Rows.Merge(l, r);
                             return filter is not null && filter.EvalBoolean(merged, ctx) != true ? null : merged;
                         }))
                    yield return row;
            yield break;
        }
        foreach (var l in left.Execute(input, ctx))
        {
            bool matched = false;
            if (table is not null)
            {
                foreach (var r in table.Probe(l))
                {
                    ctx.Tick();
                    if (!Rows.Compatible(l, r)) continue;
                    var merged = Rows.Merge(l, r);
                    if (filter is not null && filter.EvalBoolean(merged, ctx) != true) continue;
                    matched = true;
                    yield return merged;
                }
            }
            else
            {
                foreach (var merged in right.Execute(l, ctx))
                {
                    if (filter is not null && filter.EvalBoolean(merged, ctx) != true) continue;
                    matched = true;
                    yield return merged;
                }
            }
            if (!matched) yield return l;
        }
    }
}
