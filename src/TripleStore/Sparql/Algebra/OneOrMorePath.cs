namespace TripleStore.Sparql.Algebra;

public sealed record OneOrMorePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "(" + Inner + ")+";
}
