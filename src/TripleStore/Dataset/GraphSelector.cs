using TripleStore.Rdf;

namespace TripleStore.Dataset;

/// <summary>Which graphs a quad pattern is matched against.</summary>
public enum GraphSelectorKind
{
    /// <summary>The default graph only.</summary>
    DefaultGraph,
    /// <summary>One named graph, given by <see cref="GraphSelector.Name"/>.</summary>
    NamedGraph,
    /// <summary>Every named graph (not the default graph): SPARQL's GRAPH ?g.</summary>
    AllNamedGraphs,
    /// <summary>The default graph and every named graph.</summary>
    AllGraphs,
}

public readonly record struct GraphSelector(GraphSelectorKind Kind, Term? Name = null)
{
    public static GraphSelector Default => new(GraphSelectorKind.DefaultGraph);
    public static GraphSelector AllNamed => new(GraphSelectorKind.AllNamedGraphs);
    public static GraphSelector All => new(GraphSelectorKind.AllGraphs);
    public static GraphSelector Named(Term name) => new(GraphSelectorKind.NamedGraph, name ?? throw new ArgumentNullException(nameof(name)));
}
