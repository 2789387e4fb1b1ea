using TripleStore.Rdf;

namespace TripleStore.Sparql.Update;

public enum GraphTargetKind
{
    Default,
    Named,
    AllNamed,
    All,
}

/// <summary>The graph(s) a CLEAR, DROP, CREATE, ADD, MOVE or COPY applies to.</summary>
public readonly record struct GraphTarget(GraphTargetKind Kind, Iri? Name = null)
{
    public override string ToString() => Kind switch
    {
        GraphTargetKind.Default => "DEFAULT",
        GraphTargetKind.Named => "GRAPH " + Name,
        GraphTargetKind.AllNamed => "NAMED",
        _ => "ALL",
    };
}
