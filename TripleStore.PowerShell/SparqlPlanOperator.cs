namespace TripleStore.PowerShell;

/// <summary>
/// One operator of a query plan, as Invoke-Sparql -Explain writes them: in pre-order, each with its
/// depth in the tree, so the list reads top-down like the plan.
/// </summary>
public sealed class SparqlPlanOperator
{
    public SparqlPlanOperator(int depth, string @operator, string? detail, double? estimatedRows, long? actualRows, int childCount)
    {
        Depth = depth;
        Operator = @operator;
        Detail = detail;
        EstimatedRows = estimatedRows;
        ActualRows = actualRows;
        ChildCount = childCount;
    }

    /// <summary>0 for the root; children are one deeper than their parent.</summary>
    public int Depth { get; }
    public string Operator { get; }
    public string? Detail { get; }

    /// <summary>The optimizer's estimate of the rows per run; null where it makes none.</summary>
    public double? EstimatedRows { get; }

    /// <summary>The rows the operator produced over the whole evaluation.</summary>
    public long? ActualRows { get; }

    public int ChildCount { get; }

    public override string ToString() => new string(' ', Depth * 2) + Operator + (Detail is null ? "" : " " + Detail);
}
