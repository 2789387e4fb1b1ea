namespace TripleStore.Sparql.Algebra;

public sealed record ZeroOrMorePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "(" + Inner + ")*";
}
