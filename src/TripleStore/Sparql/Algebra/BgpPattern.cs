namespace TripleStore.Sparql.Algebra;

/// <summary>A basic graph pattern: triple patterns joined on shared variables. Empty means the one empty solution.</summary>
public sealed record BgpPattern(IReadOnlyList<TriplePattern> Patterns) : GraphPattern
{
    public static readonly BgpPattern Empty = new(Array.Empty<TriplePattern>());

    public bool IsEmpty => Patterns.Count == 0;

    internal override void CollectVariables(Action<string> add)
    {
        foreach (var p in Patterns)
            foreach (var v in p.Variables()) add(v);
    }

    public override IEnumerable<GraphPattern> Children => Array.Empty<GraphPattern>();

    public override string ToString() => "BGP(" + string.Join(" . ", Patterns) + ")";
}
