namespace TripleStore.Sparql.Algebra;

public sealed record SequencePath(PropertyPath First, PropertyPath Second) : PropertyPath
{
    public override string ToString() => "(" + First + "/" + Second + ")";
}
