using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>GRAPH &lt;g&gt; { }: one empty solution when the dataset has that named graph, none otherwise.</summary>
internal sealed class GraphExistsNode(Term name) : PlanNode
{
    public override string Name => "GraphExists";

    public override string? Detail => name.ToString();

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        if (ctx.Source.NamedGraphs().Contains(name)) yield return input;
    }
}
