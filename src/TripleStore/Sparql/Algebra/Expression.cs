namespace TripleStore.Sparql.Algebra;

/// <summary>A SPARQL expression (section 17).</summary>
public abstract record Expression
{
    internal abstract void CollectVariables(Action<string> add);

    public IReadOnlyList<string> Variables()
    {
        var list = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        CollectVariables(v => { if (set.Add(v)) list.Add(v); });
        return list;
    }
}
