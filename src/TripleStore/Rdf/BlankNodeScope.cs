namespace TripleStore.Rdf;

/// <summary>Maps the blank node labels of one document to nodes that are unique to that document.</summary>
public sealed class BlankNodeScope
{
    private readonly Dictionary<string, BlankNode> _byLabel = new(StringComparer.Ordinal);

    public BlankNode Get(string label)
    {
        if (!_byLabel.TryGetValue(label, out var node))
        {
            node = BlankNode.CreateUnique();
            _byLabel.Add(label, node);
        }
        return node;
    }

    public BlankNode CreateAnonymous() => BlankNode.CreateUnique();
}
