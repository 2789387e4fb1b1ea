using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Operators;

/// <summary>VALUES: each data row compatible with the input, merged into it.</summary>
internal sealed class ValuesNode(int[] slots, Term?[][] rows) : PlanNode
{
    public override string Name => "Values";

    public override string? Detail => rows.Length + " rows";

    protected override IEnumerable<Term?[]> Run(Term?[] input, EvaluationContext ctx)
    {
        foreach (var data in rows)
        {
            bool ok = true;
            for (int i = 0; i < slots.Length && ok; i++)
                if (data[i] is { } v && input[slots[i]] is { } existing && !existing.Equals(v)) ok = false;
            if (!ok) continue;
            var r = (Term?[])input.Clone();
            for (int i = 0; i < slots.Length; i++) r[slots[i]] ??= data[i];
            yield return r;
        }
    }
}
