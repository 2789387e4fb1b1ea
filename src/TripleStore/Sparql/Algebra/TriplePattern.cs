namespace TripleStore.Sparql.Algebra;

public sealed record TriplePattern(TermPattern Subject, TermPattern Predicate, TermPattern Object)
{
    public IEnumerable<string> Variables()
    {
        if (Subject.Variable is { } s) yield return s;
        if (Predicate.Variable is { } p) yield return p;
        if (Object.Variable is { } o) yield return o;
    }

    public override string ToString() => $"{Subject} {Predicate} {Object}";
}
