using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// MINUS: drops left solutions compatible with a right solution that shares a bound variable. A right side
/// past <see cref="QueryOptions.MaxRowsInMemory"/> rows is anti-joined on disk (<see cref="GraceHashJoin"/>).
/// </summary>
internal sealed class MinusNode(PlanNode left, PlanNode right, int[] keySlots, HashSet<int> graphSlots) : PlanNode
{
    public override string Name => "Minus";

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        // The right side sees nothing of the input but the active graph.
        var seed = ctx.NewRow();
        foreach (var g in graphSlots) seed[g] = input[g];
        var table = GraceHashJoin.Build(right.Execute(seed, ctx), keySlots, ctx, "MINUS", out var spilled);
        if (spilled is not null)
        {
            using (spilled)
                foreach (var row in spilled.Run(left.Execute(input, ctx), JoinMode.Anti, (l, r) => SharesVariable(l, r) ? l : null))
                    yield return row;
            yield break;
        }
        foreach (var l in left.Execute(input, ctx))
        {
            bool remove = false;
            foreach (var r in table!.Probe(l))
            {
                ctx.Tick();
                if (SharesVariable(l, r) && Rows.Compatible(l, r)) { remove = true; break; }
            }
            if (!remove) yield return l;
        }
    }

    private bool SharesVariable(Term?[] a, Term?[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] is not null && b[i] is not null && !graphSlots.Contains(i)) return true;
        return false;
    }
}
