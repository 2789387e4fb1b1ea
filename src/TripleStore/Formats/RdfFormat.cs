namespace TripleStore.Formats;

/// <summary>The RDF syntaxes the engine reads and writes.</summary>
public enum RdfFormat
{
    NTriples,
    NQuads,
    Turtle,
    TriG,
    RdfXml,
}
