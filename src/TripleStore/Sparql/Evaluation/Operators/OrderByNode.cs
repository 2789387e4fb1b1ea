using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Spill;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// ORDER BY: holds the solutions and sorts them stably. Past <see cref="QueryOptions.MaxRowsInMemory"/>
/// it becomes an external merge sort over spill files (or fails when spilling is off). When a LIMIT sits
/// on top, <see cref="TopK"/> keeps only the first rows needed; under DISTINCT (<see cref="DistinctSlots"/>)
/// that is the first row of each of the first k distinct projected values.
/// </summary>
internal sealed class OrderByNode(PlanNode inner, Evaluable[] keys, bool[] descending, string text) : PlanNode
{
    public override string Name => "OrderBy";

    public override string? Detail => text + (TopK is { } k ? $" (top {k})" : "");

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    /// <summary>OFFSET + LIMIT of the slice above, when there is one.</summary>
    public long? TopK { get; set; }

    /// <summary>With <see cref="TopK"/>: the projected slots a DISTINCT above compares rows on.</summary>
    public int[]? DistinctSlots { get; set; }

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var items = new List<SpillRecord>();
        var comparer = Comparer<SpillRecord>.Create(Compare);
        ExternalSorter? sorter = null;
        try
        {
            long seq = 0;
            long limit = ctx.Options.MaxRowsInMemory;
            foreach (var r in inner.Execute(input, ctx))
            {
                ctx.Tick();
                var k = new Term?[keys.Length];
                for (int i = 0; i < keys.Length; i++) k[i] = keys[i].Eval(r, ctx);
                var record = new SpillRecord(seq++, k, r);
                if (sorter is not null)
                {
                    sorter.Add(record);
                    continue;
                }
                items.Add(record);
                if (items.Count > limit)
                {
                    sorter = new ExternalSorter(ctx, ctx.SpillOrFail(items.Count, "ORDER BY"), comparer, "ORDER BY", limit);
                    foreach (var item in items) sorter.Add(item);
                    items = new List<SpillRecord>();
                    continue;
                }
                // Bounded top-k: once twice the needed rows are held (or the row limit is reached), sort
                // and drop the tail; only when twice the top passes the limit does the sort spill.
                if (TopK is { } top && items.Count >= Math.Max(2 * top, Math.Min(1024, limit)))
                {
                    items.Sort(comparer);
                    Prune(items, top);
                }
            }
            IEnumerable<SpillRecord> sorted = items;
            if (sorter is not null) sorted = sorter.Sorted();
            else
            {
                items.Sort(comparer);
                if (TopK is { } top && DistinctSlots is not null) Prune(items, top);
            }
            // Under DISTINCT duplicates do not count towards k; the slice above stops reading in time.
            long take = DistinctSlots is null ? TopK ?? long.MaxValue : long.MaxValue;
            foreach (var item in sorted)
            {
                if (take-- <= 0) yield break;
                yield return item.Row;
            }
        }
        finally
        {
            sorter?.Dispose();
        }
    }

    /// <summary>Keeps the first <paramref name="top"/> sorted rows (of distinct projected values under DISTINCT).</summary>
    private void Prune(List<SpillRecord> items, long top)
    {
        if (DistinctSlots is not { } slots)
        {
            int keep = (int)Math.Min(top, items.Count);
            items.RemoveRange(keep, items.Count - keep);
            return;
        }
        // A later row with the same projected values is a duplicate DISTINCT drops, so only the first counts.
        var seen = new HashSet<RowKey>();
        int kept = 0;
        for (int i = 0; i < items.Count && seen.Count < top; i++)
            if (seen.Add(RowKey.Of(items[i].Row, slots))) items[kept++] = items[i];
        items.RemoveRange(kept, items.Count - kept);
    }

    private int Compare(SpillRecord a, SpillRecord b)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            int c = SparqlOrdering.Instance.Compare(a.Keys[i], b.Keys[i]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return a.Seq.CompareTo(b.Seq);
    }
}
