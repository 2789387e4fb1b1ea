using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>Operations on solutions stored as slot arrays (null = unbound).</summary>
internal static class Rows
{
    public static bool Compatible(Term?[] a, Term?[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x is not null && y is not null && !x.Equals(y)) return false;
        }
        return true;
    }

    /// <summary>The union of two compatible solutions.</summary>
    public static Term?[] Merge(Term?[] a, Term?[] b)
    {
        var r = (Term?[])a.Clone();
        for (int i = 0; i < r.Length; i++) r[i] ??= b[i];
        return r;
    }

    public static bool SharesBoundVariable(Term?[] a, Term?[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] is not null && b[i] is not null) return true;
        return false;
    }

    public static bool IsEmpty(Term?[] row)
    {
        foreach (var t in row) if (t is not null) return false;
        return true;
    }
}
