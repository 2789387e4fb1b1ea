namespace TripleStore.Sparql.Algebra;

/// <summary>A node of the SPARQL algebra (SPARQL 1.1 section 18.2). Immutable.</summary>
public abstract record GraphPattern
{
    /// <summary>Every variable the pattern mentions, in order of first appearance, without duplicates.</summary>
    public IReadOnlyList<string> Variables()
    {
        var seen = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        CollectVariables(v => { if (set.Add(v)) seen.Add(v); });
        return seen;
    }

    /// <summary>The variables that may be bound by the pattern's solutions (its in-scope variables, section 18.2.1).</summary>
    public IReadOnlyList<string> InScopeVariables()
    {
        var seen = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        CollectInScope(v => { if (set.Add(v)) seen.Add(v); });
        return seen;
    }

    internal abstract void CollectVariables(Action<string> add);

    internal virtual void CollectInScope(Action<string> add) => CollectVariables(add);

    public abstract IEnumerable<GraphPattern> Children { get; }
}
