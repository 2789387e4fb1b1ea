using TripleStore.Rdf;

namespace TripleStore.Formats.RdfXml;

// Placeholder so the skeleton compiles; replaced by the real writer.
public sealed class RdfXmlWriter : RdfWriter
{
    public RdfXmlWriter(TextWriter output, RdfWriterOptions options) => throw new NotSupportedException("RdfXmlWriter is not implemented yet.");
    public override RdfFormat Format => throw new NotSupportedException();
    public override void Write(in Quad quad) => throw new NotSupportedException();
    protected override void OnFinish() { }
}
