namespace TripleStore.Dataset;

/// <summary>
/// An opaque, fixed-width identifier of a term inside one <see cref="IEncodedQuadSource"/>. Within a source
/// two ids are equal exactly when their terms are equal (RDF term equality), so joins can compare ids
/// instead of terms. <see cref="DefaultGraph"/> (all zero) stands for the default graph in the graph position.
/// </summary>
public readonly struct NodeId : IEquatable<NodeId>
{
    public NodeId(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    public ulong High { get; }

    public ulong Low { get; }

    /// <summary>The graph position of a quad in the default graph.</summary>
    public static NodeId DefaultGraph => default;

    public bool Equals(NodeId other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    public override int GetHashCode() => (High ^ (Low * 0x9E3779B97F4A7C15)).GetHashCode();

    public static bool operator ==(NodeId a, NodeId b) => a.Equals(b);

    public static bool operator !=(NodeId a, NodeId b) => !a.Equals(b);

    public override string ToString() => $"{High:x16}{Low:x16}";
}

/// <summary>A quad of ids: subject, predicate, object, graph (<see cref="NodeId.DefaultGraph"/> for the default graph).</summary>
public readonly record struct IdQuad(NodeId Subject, NodeId Predicate, NodeId Object, NodeId Graph)
{
    /// <summary>The id at a position: 0 subject, 1 predicate, 2 object, 3 graph.</summary>
    public NodeId this[int position] => position switch
    {
        0 => Subject,
        1 => Predicate,
        2 => Object,
        _ => Graph,
    };
}

/// <summary>
/// A quad pattern over ids. A position is bound when its flag is set; the graph is chosen by
/// <see cref="Graph"/>, with <see cref="GraphName"/> when that is <see cref="GraphSelectorKind.NamedGraph"/>.
/// </summary>
public struct IdPattern
{
    public NodeId Subject, Predicate, Object, GraphName;
    public bool HasSubject, HasPredicate, HasObject;
    public GraphSelectorKind Graph;

    /// <summary>
    /// With the object unbound: a hint that only objects within these ranges (ascending, disjoint, from
    /// <see cref="IEncodedQuadSource.NumericObjectRanges"/>) are wanted. A cursor may skip the others or
    /// ignore the hint, so whoever sets it still checks the condition the ranges came from.
    /// </summary>
    public NodeRange[]? ObjectRanges;
}
