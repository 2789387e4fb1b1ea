using System.Text;

namespace TripleStore.Sparql;

/// <summary>One operator of an evaluated query plan, for EXPLAIN.</summary>
public sealed class QueryPlan
{
    private QueryPlan(string @operator, string? detail, double? estimatedRows, long? actualRows, IReadOnlyList<QueryPlan> children)
    {
        Operator = @operator;
        Detail = detail;
        EstimatedRows = estimatedRows;
        ActualRows = actualRows;
        Children = children;
    }

    public string Operator { get; }

    public string? Detail { get; }

    /// <summary>The optimizer's estimate of the rows the operator produces per run, where it makes one.</summary>
    public double? EstimatedRows { get; }

    /// <summary>The rows the operator produced (over all its runs); null unless statistics were collected.</summary>
    public long? ActualRows { get; }

    public IReadOnlyList<QueryPlan> Children { get; }

    internal static QueryPlan From(Evaluation.PlanNode node) =>
        new(node.Name, node.Detail, node.EstimatedRows, node.CountsRows ? node.ActualRows : null,
            node.Children.Select(From).ToList());

    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb, 0);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, int indent)
    {
        sb.Append(' ', indent * 2).Append(Operator);
        if (Detail is not null) sb.Append(' ').Append(Detail);
        if (EstimatedRows is { } e) sb.Append(" est=").Append(e.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
        if (ActualRows is { } a) sb.Append(" rows=").Append(a);
        sb.AppendLine();
        foreach (var c in Children) c.Append(sb, indent + 1);
    }
}
