using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>MINUS: drops left solutions compatible with a right solution that shares a bound variable.</summary>
internal sealed class MinusNode(PlanNode left, PlanNode right, int[] keySlots) : PlanNode
{
    public override string Name => "Minus";

    public override IReadOnlyList<PlanNode> Children => new[] { left, right };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var table = HashTable.Build(right.Execute(ctx.NewRow(), ctx), keySlots, ctx, "MINUS");
        foreach (var l in left.Execute(input, ctx))
        {
            bool remove = false;
            foreach (var r in table.Probe(l))
            {
                ctx.Tick();
                if (Rows.SharesBoundVariable(l, r) && Rows.Compatible(l, r)) { remove = true; break; }
            }
            if (!remove) yield return l;
        }
    }
}
