using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>REDUCED: drops a row equal to the one just before it, which costs no memory.</summary>
internal sealed class ReducedNode(PlanNode inner) : PlanNode
{
    public override string Name => "Reduced";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        RowKey? previous = null;
        foreach (var r in inner.Execute(input, ctx))
        {
            var key = new RowKey(r);
            if (previous is { } p && p.Equals(key)) continue;
            previous = key;
            yield return r;
        }
    }
}
