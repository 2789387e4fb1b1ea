namespace TripleStore.Sparql;

/// <summary>The answer of an ASK query.</summary>
public sealed class BooleanResult : SparqlResult
{
    internal BooleanResult(bool value, Evaluation.PlanNode? root) : base(root) => Value = value;

    public bool Value { get; }
}
