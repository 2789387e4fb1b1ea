namespace TripleStore.PowerShell;

/// <summary>
/// A statement that Invoke-Sparql writes for CONSTRUCT and DESCRIBE. Graph is null for the default
/// graph. ToString() is the N-Triples (or N-Quads, with a graph) line.
/// </summary>
public sealed class RdfTripleObject
{
    public RdfTripleObject(RdfTermObject subject, RdfTermObject predicate, RdfTermObject @object, RdfTermObject? graph = null)
    {
        Subject = subject;
        Predicate = predicate;
        Object = @object;
        Graph = graph;
    }

    public RdfTermObject Subject { get; }
    public RdfTermObject Predicate { get; }
    public RdfTermObject Object { get; }
    public RdfTermObject? Graph { get; }

    public override string ToString() =>
        Graph is null ? $"{Subject} {Predicate} {Object} ." : $"{Subject} {Predicate} {Object} {Graph} .";
}
