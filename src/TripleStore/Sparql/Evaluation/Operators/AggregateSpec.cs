using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>One aggregate of a GROUP BY: its kind, argument and output slot.</summary>
internal sealed class AggregateSpec(string name, bool distinct, Evaluable? argument, string? separator, int slot)
{
    public int Slot => slot;

    public Aggregator Create() => Aggregator.Create(name, distinct, separator);

    public void Feed(Aggregator aggregator, Term?[] row, EvaluationContext ctx)
    {
        if (argument is null)
        {
            // COUNT(*) counts solutions; with DISTINCT, distinct solutions.
            aggregator.AddSolution(row);
            return;
        }
        aggregator.Add(argument.Eval(row, ctx));
    }
}
