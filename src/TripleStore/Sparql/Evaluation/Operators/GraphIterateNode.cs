using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>GRAPH ?g { P } where P does not bind ?g by itself: runs P once per named graph.</summary>
internal sealed class GraphIterateNode(int slot, PlanNode inner) : PlanNode
{
    public override string Name => "GraphIterate";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        if (input[slot] is not null)
        {
            foreach (var r in inner.Execute(input, ctx)) yield return r;
            yield break;
        }
        foreach (var g in ctx.Source.NamedGraphs())
        {
            ctx.Tick();
            var row = (Term?[])input.Clone();
            row[slot] = g;
            foreach (var r in inner.Execute(row, ctx)) yield return r;
        }
    }
}
