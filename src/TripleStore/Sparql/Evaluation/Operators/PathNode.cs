using TripleStore.Rdf;
using TripleStore.Sparql.Algebra;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>A property path pattern; under GRAPH ?g with ?g unbound it runs per named graph, since a path never spans graphs.</summary>
internal sealed class PathNode(SlotTerm subject, PropertyPath path, SlotTerm @object, GraphSpec graph, string text) : PlanNode
{
    public override string Name => "Path";

    public override string? Detail => text;

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        if (graph.Kind == GraphSpecKind.Variable && input[graph.Slot] is null)
        {
            foreach (var g in ctx.Source.NamedGraphs())
            {
                var row = (Term?[])input.Clone();
                row[graph.Slot] = g;
                foreach (var r in RunIn(row, ctx)) yield return r;
            }
            yield break;
        }
        foreach (var r in RunIn(input, ctx)) yield return r;
    }

    private IEnumerable<Term?[]> RunIn(Term?[] input, EvaluationContext ctx)
    {
        var s = subject.Resolve(input);
        var o = @object.Resolve(input);
        var selector = graph.Selector(input, out _);
        bool sameVariable = subject.IsVariable && @object.IsVariable && subject.Slot == @object.Slot;
        foreach (var (x, y) in PathEvaluator.Evaluate(path, s, o, selector, ctx, endsFromSolution: (subject.IsVariable && s is not null) || (@object.IsVariable && o is not null)))
        {
            if (sameVariable && !x.Equals(y)) continue;
            var r = (Term?[])input.Clone();
            if (subject.IsVariable) r[subject.Slot] = x;
            if (@object.IsVariable) r[@object.Slot] = y;
            yield return r;
        }
    }
}
