using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>MINUS: drops left solutions compatible with a right solution that shares a bound variable.</summary>
internal sealed class MinusNode(PlanNode left, PlanNode right, int[] keySlots, HashSet<int> graphSlots) : PlanNode
{
    public override string Name => "Minus";

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        // The right side sees nothing of the input but the active graph.
        var seed = ctx.NewRow();
        foreach (var g in graphSlots) seed[g] = input[g];
        var table = HashTable.Build(right.Execute(seed, ctx), keySlots, ctx, "MINUS");
        foreach (var l in left.Execute(input, ctx))
        {
            bool remove = false;
            foreach (var r in table.Probe(l))
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
