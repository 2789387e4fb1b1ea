using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>The empty group pattern: one solution, the input itself.</summary>
internal sealed class IdentityNode : PlanNode
{
    public override string Name => "Identity";

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        yield return input;
    }
}
