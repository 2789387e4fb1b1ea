namespace TripleStore.Sparql.Algebra;

/// <summary>A property path pattern that is not a plain triple (section 18.2.2.4).</summary>
public sealed record PathPattern(TermPattern Subject, PropertyPath Path, TermPattern Object) : GraphPattern
{
    internal override void CollectVariables(Action<string> add)
    {
        if (Subject.Variable is { } s) add(s);
        if (Object.Variable is { } o) add(o);
    }

    public override IEnumerable<GraphPattern> Children => Array.Empty<GraphPattern>();

    public override string ToString() => $"Path({Subject} {Path} {Object})";
}
