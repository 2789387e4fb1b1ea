using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>SERVICE: federation is off. SILENT makes the pattern the empty-join identity; otherwise it is an error.</summary>
internal sealed class ServiceNode(bool silent, string endpoint) : PlanNode
{
    public override string Name => "Service";

    public override string? Detail => endpoint + (silent ? " (silent)" : "");

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        if (!silent)
            throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation,
                $"SERVICE is not enabled: this engine does not send queries to remote endpoints ({endpoint}). Use SERVICE SILENT to skip the pattern.");
        yield return input;
    }
}
