namespace TripleStore.Sparql.Algebra;

public sealed record AlternativePath(PropertyPath First, PropertyPath Second) : PropertyPath
{
    public override string ToString() => "(" + First + "|" + Second + ")";
}
