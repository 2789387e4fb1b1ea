using TripleStore.Dataset;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

internal enum GraphSpecKind
{
    Default,
    Fixed,
    Variable,
}

/// <summary>The active graph of a pattern: the default graph, a named graph, or the graph bound to a variable.</summary>
internal readonly record struct GraphSpec(GraphSpecKind Kind, Term? Name = null, int Slot = -1)
{
    public static readonly GraphSpec Default = new(GraphSpecKind.Default);

    /// <summary>The selector for a row; <paramref name="bindsSlot"/> is true when matches must bind the graph variable.</summary>
    public GraphSelector Selector(Term?[] row, out bool bindsSlot)
    {
        bindsSlot = false;
        switch (Kind)
        {
            case GraphSpecKind.Default: return GraphSelector.Default;
            case GraphSpecKind.Fixed: return GraphSelector.Named(Name!);
            default:
                if (row[Slot] is { } g) return GraphSelector.Named(g);
                bindsSlot = true;
                return GraphSelector.AllNamed;
        }
    }

    public override string ToString() => Kind switch
    {
        GraphSpecKind.Default => "default graph",
        GraphSpecKind.Fixed => "graph " + Name,
        _ => "graph ?" + Slot,
    };
}
