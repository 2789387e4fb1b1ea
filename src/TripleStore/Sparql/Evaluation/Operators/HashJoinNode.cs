using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// Builds a hash table of the right side (run once with the input), keyed on variables the right side
/// always binds and the left may bind, then streams the left side through it.
/// </summary>
internal sealed class HashJoinNode(PlanNode left, PlanNode right, int[] keySlots) : PlanNode
{
    public override string Name => "HashJoin";

    public override string? Detail => keySlots.Length == 0 ? "cross product" : null;

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var table = HashTable.Build(right.Execute(input, ctx), keySlots, ctx, "A hash join");
        foreach (var l in left.Execute(input, ctx))
            foreach (var r in table.Probe(l))
            {
                ctx.Tick();
                if (Rows.Compatible(l, r)) yield return Rows.Merge(l, r);
            }
    }
}
