using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// DISTINCT, streaming: a row is emitted the first time it is seen. Past
/// <see cref="QueryOptions.MaxRowsInMemory"/> distinct rows it spills (or fails when spilling is off):
/// the rows still to come are sorted on disk together with the ones already emitted, the first of each
/// run of equal rows survives unless it was already emitted, and a second sort on input position puts
/// the survivors back in input order, so the output is the same as in memory, order included.
/// </summary>
internal sealed class DistinctNode(PlanNode inner) : PlanNode
{
    private const string Operator = "DISTINCT";

    public override string Name => "Distinct";

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var seen = new HashSet<RowKey>();
        ExternalSorter? byRow = null, byPosition = null;
        try
        {
            long limit = ctx.Options.MaxRowsInMemory;
            long seq = 0, emitted = 0;
            foreach (var r in inner.Execute(input, ctx))
            {
                ctx.Tick();
                if (byRow is not null)
                {
                    byRow.Add(new SpillRecord(seq++, r, Array.Empty<Term?>()));
                    continue;
                }
                var key = new RowKey(r);
                if (seen.Contains(key)) continue;
                if (seen.Count >= limit)
                {
                    // Rows already emitted go first (lower positions), so a later duplicate of one is dropped.
                    byRow = new ExternalSorter(ctx, ctx.SpillOrFail(seen.Count + 1, Operator), KeyOrder.Instance, Operator, limit);
                    foreach (var s in seen) byRow.Add(new SpillRecord(seq++, s.Values, Array.Empty<Term?>()));
                    seen = new HashSet<RowKey>();
                    emitted = seq;
                    byRow.Add(new SpillRecord(seq++, r, Array.Empty<Term?>()));
                    continue;
                }
                seen.Add(key);
                yield return r;
            }
            if (byRow is null) yield break;

            byPosition = new ExternalSorter(ctx, ctx.Spill!, KeyOrder.BySeq, Operator, limit);
            Term?[]? previous = null;
            foreach (var record in byRow.Sorted())
            {
                bool first = previous is null || KeyOrder.CompareKeys(previous, record.Keys) != 0;
                previous = record.Keys;
                if (first && record.Seq >= emitted) byPosition.Add(new SpillRecord(record.Seq, Array.Empty<Term?>(), record.Keys));
            }
            byRow.Dispose();
            byRow = null;
            foreach (var record in byPosition.Sorted()) yield return record.Row;
        }
        finally
        {
            byRow?.Dispose();
            byPosition?.Dispose();
        }
    }
}
