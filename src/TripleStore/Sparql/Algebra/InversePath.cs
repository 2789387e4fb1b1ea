namespace TripleStore.Sparql.Algebra;

public sealed record InversePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "^(" + Inner + ")";
}
