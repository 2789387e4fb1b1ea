using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A physical operator. <see cref="Run"/> returns the solutions of its pattern joined with the input
/// solution (every output extends the input), lazily.
/// </summary>
internal abstract class PlanNode
{
    private long _actualRows;

    public abstract string Name { get; }

    public virtual string? Detail => null;

    public virtual IReadOnlyList<PlanNode> Children => Array.Empty<PlanNode>();

    /// <summary>Estimated rows per run where the operator can tell; set by the compiler or the operator.</summary>
    public double? EstimatedRows { get; set; }

    public long ActualRows => Interlocked.Read(ref _actualRows);

    public bool CountsRows { get; private set; }

    protected abstract IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx);

    /// <summary>Runs the operator, counting its rows when statistics are on.</summary>
    public IEnumerable<Term?[]> Execute(Term?[] input, EvaluationContext ctx)
    {
        if (!ctx.CollectStatistics) return Run(input, ctx);
        CountsRows = true;
        return Counted(Run(input, ctx));
    }

    private IEnumerable<Term?[]> Counted(IEnumerable<Term?[]> rows)
    {
        foreach (var r in rows)
        {
            Interlocked.Increment(ref _actualRows);
            yield return r;
        }
    }
}
