using TripleStore.Rdf;

namespace TripleStore.Formats.RdfXml;

// Placeholder so the skeleton compiles; replaced by the real reader.
public sealed class RdfXmlReader : RdfReader
{
    public RdfXmlReader(TextReader input, RdfReaderOptions options) : base(options) => throw new NotSupportedException("RdfXmlReader is not implemented yet.");
    public override RdfFormat Format => throw new NotSupportedException();
    public override bool TryRead(out Quad quad) => throw new NotSupportedException();
}
