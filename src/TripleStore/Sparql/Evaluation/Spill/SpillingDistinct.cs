using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// Duplicate removal that streams while the distinct rows fit in <see cref="QueryOptions.MaxRowsInMemory"/>
/// and spills past it (or fails when spilling is off): the rows still to come are sorted on disk together
/// with the ones already emitted, the first of each run of equal rows survives unless it was already
/// emitted, and a second sort on input position puts the survivors back in input order. The output is the
/// same as in memory, order included. DISTINCT, CONSTRUCT and DESCRIBE share it.
/// </summary>
internal static class SpillingDistinct
{
    public static IEnumerable<Term?[]> Distinct(IEnumerable<Term?[]> rows, EvaluationContext ctx, string operatorName)
    {
        var seen = new HashSet<RowKey>();
        ExternalSorter? byRow = null, byPosition = null;
        try
        {
            long limit = ctx.Options.MaxRowsInMemory;
            long seq = 0, emitted = 0;
            foreach (var r in rows)
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
                    byRow = new ExternalSorter(ctx, ctx.SpillOrFail(seen.Count + 1, operatorName), KeyOrder.Instance, operatorName, limit);
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

            byPosition = new ExternalSorter(ctx, ctx.Spill!, KeyOrder.BySeq, operatorName, limit);
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
