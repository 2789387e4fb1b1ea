namespace TripleStore.Rdf;

/// <summary>
/// Maps the blank node labels of one document to nodes that are unique to that document. Safe to share
/// between threads: the bulk import parses one file on several.
/// </summary>
public sealed class BlankNodeScope
{
    private readonly Dictionary<string, BlankNode> _byLabel = new(StringComparer.Ordinal);

    public BlankNode Get(string label)
    {
        lock (_byLabel)
        {
            if (!_byLabel.TryGetValue(label, out var node))
            {
                node = BlankNode.CreateUnique();
                _byLabel.Add(label, node);
            }
            return node;
        }
    }

    public BlankNode CreateAnonymous() => BlankNode.CreateUnique();
}
