using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// GRAPH ?g { P }: P is evaluated against a graph held in a hidden slot, not in ?g itself, because
/// inside P the variable ?g is an ordinary variable (section 18.5: the result is P's solutions joined
/// with ?g = graph). This node then binds or checks ?g and clears the hidden slot.
/// </summary>
internal sealed class GraphBindNode(int variableSlot, int hiddenSlot, PlanNode inner) : PlanNode
{
    public override string Name => "Graph";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var seed = input;
        if (input[variableSlot] is { } fixedGraph)
        {
            seed = (Term?[])input.Clone();
            seed[hiddenSlot] = fixedGraph;
        }
        foreach (var r in inner.Execute(seed, ctx))
        {
            var graph = r[hiddenSlot];
            if (graph is null) continue;
            if (r[variableSlot] is { } bound && !bound.Equals(graph)) continue;
            var o = (Term?[])r.Clone();
            o[variableSlot] = graph;
            o[hiddenSlot] = input[hiddenSlot];
            yield return o;
        }
    }
}
