using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>BIND: an expression error leaves the variable unbound (section 18.5, Extend).</summary>
internal sealed class ExtendNode(PlanNode inner, int slot, Evaluable expression, string text) : PlanNode
{
    public override string Name => "Extend";

    public override string? Detail => text;

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        foreach (var r in inner.Execute(input, ctx))
        {
            var value = expression.Eval(r, ctx);
            if (r[slot] is { } existing)
            {
                // Only reachable when a pre-bound value meets the BIND: keep the row if they agree.
                if (value is null || existing.Equals(value)) yield return r;
                continue;
            }
            var copy = (Term?[])r.Clone();
            copy[slot] = value;
            yield return copy;
        }
    }
}
