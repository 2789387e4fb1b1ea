using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// Builds a hash table of the right side (run once with the input), keyed on variables the right side
/// always binds and the left may bind, then streams the left side through it. A right side past
/// <see cref="QueryOptions.MaxRowsInMemory"/> rows makes it a <see cref="GraceHashJoin"/> on disk.
/// </summary>
internal sealed class HashJoinNode(PlanNode left, PlanNode right, int[] keySlots) : PlanNode
{
    public override string Name => "HashJoin";

    public override string? Detail => keySlots.Length == 0 ? "cross product" : null;

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        const string Operator = "A hash join";
        var table = GraceHashJoin.Build(right.Execute(input, ctx), keySlots, ctx, Operator, out var spilled);
        if (spilled is not null)
        {
            using (spilled)
                foreach (var row in spilled.Run(left.Execute(input, ctx), JoinMode.Inner, Rows.Merge))
                    yield return row;
            yield break;
        }
        foreach (var l in left.Execute(input, ctx))
            foreach (var r in table!.Probe(l))
            {
                ctx.Tick();
                if (Rows.Compatible(l, r)) yield return Rows.Merge(l, r);
            }
    }
}
