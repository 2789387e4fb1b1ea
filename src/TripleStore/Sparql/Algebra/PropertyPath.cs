using TripleStore.Rdf;

namespace TripleStore.Sparql.Algebra;

/// <summary>A SPARQL 1.1 property path expression (section 9).</summary>
public abstract record PropertyPath;

public sealed record PredicatePath(Iri Predicate) : PropertyPath
{
    public override string ToString() => Predicate.ToString();
}

public sealed record InversePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "^(" + Inner + ")";
}

public sealed record SequencePath(PropertyPath First, PropertyPath Second) : PropertyPath
{
    public override string ToString() => "(" + First + "/" + Second + ")";
}

public sealed record AlternativePath(PropertyPath First, PropertyPath Second) : PropertyPath
{
    public override string ToString() => "(" + First + "|" + Second + ")";
}

public sealed record ZeroOrMorePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "(" + Inner + ")*";
}

public sealed record OneOrMorePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "(" + Inner + ")+";
}

public sealed record ZeroOrOnePath(PropertyPath Inner) : PropertyPath
{
    public override string ToString() => "(" + Inner + ")?";
}

/// <summary>!(a|b|^c): any predicate except <see cref="Forward"/> forwards, or except <see cref="Inverse"/> backwards.</summary>
public sealed record NegatedPropertySet(IReadOnlyList<Iri> Forward, IReadOnlyList<Iri> Inverse) : PropertyPath
{
    public override string ToString() =>
        "!(" + string.Join("|", Forward.Select(f => f.ToString()).Concat(Inverse.Select(i => "^" + i))) + ")";
}
