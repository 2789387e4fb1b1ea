namespace TripleStore.Sparql;

/// <summary>The result of a query: <see cref="SolutionSequence"/>, <see cref="BooleanResult"/> or <see cref="GraphResult"/>.</summary>
public abstract class SparqlResult
{
    private protected SparqlResult(Evaluation.PlanNode? root) => Root = root;

    internal Evaluation.PlanNode? Root { get; }

    /// <summary>
    /// The operator tree with estimated rows and, when <see cref="QueryOptions.CollectStatistics"/> is on,
    /// the rows each produced so far (complete once the result has been read to the end).
    /// </summary>
    public QueryPlan? Plan => Root is null ? null : QueryPlan.From(Root);
}
