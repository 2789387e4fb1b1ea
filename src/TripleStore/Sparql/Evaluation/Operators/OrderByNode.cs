using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>
/// ORDER BY: holds all solutions (up to the memory limit) and sorts them stably. When a LIMIT sits on
/// top, <see cref="TopK"/> keeps only the first rows needed.
/// </summary>
internal sealed class OrderByNode(PlanNode inner, Evaluable[] keys, bool[] descending, string text) : PlanNode
{
    public override string Name => "OrderBy";

    public override string? Detail => text + (TopK is { } k ? $" (top {k})" : "");

    public override IReadOnlyList<PlanNode> Children => new[] { inner };

    /// <summary>OFFSET + LIMIT of the slice above, when there is one.</summary>
    public long? TopK { get; set; }

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        var items = new List<(Term?[] Row, Term?[] Keys, long Seq)>();
        long seq = 0;
        var comparer = Comparer<(Term?[] Row, Term?[] Keys, long Seq)>.Create(Compare);
        foreach (var r in inner.Execute(input, ctx))
        {
            ctx.Tick();
            var k = new Term?[keys.Length];
            for (int i = 0; i < keys.Length; i++) k[i] = keys[i].Eval(r, ctx);
            items.Add((r, k, seq++));
            ctx.CheckMemory(items.Count, "ORDER BY");
            // Bounded top-k: once twice the needed rows are held, sort and drop the tail.
            if (TopK is { } top && items.Count >= Math.Max(2 * top, 1024))
            {
                items.Sort(comparer);
                items.RemoveRange((int)Math.Min(top, items.Count), items.Count - (int)Math.Min(top, items.Count));
            }
        }
        items.Sort(comparer);
        long take = TopK ?? long.MaxValue;
        foreach (var item in items)
        {
            if (take-- <= 0) yield break;
            yield return item.Row;
        }
    }

    private int Compare((Term?[] Row, Term?[] Keys, long Seq) a, (Term?[] Row, Term?[] Keys, long Seq) b)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            int c = SparqlOrdering.Instance.Compare(a.Keys[i], b.Keys[i]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return a.Seq.CompareTo(b.Seq);
    }
}
