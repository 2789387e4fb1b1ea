namespace TripleStore.Sparql.Algebra;

public sealed record ZeroOrOnePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "(" + Inner + ")?";
}
