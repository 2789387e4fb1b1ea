using TripleStore.Rdf;

namespace TripleStore.Formats.NTriples;

// Placeholder so the skeleton compiles; replaced by the real writer.
public sealed class NTriplesWriter : RdfWriter
{
    public NTriplesWriter(TextWriter output, bool quads) => throw new NotSupportedException("NTriplesWriter is not implemented yet.");
    public override RdfFormat Format => throw new NotSupportedException();
    public override void Write(in Quad quad) => throw new NotSupportedException();
    protected override void OnFinish() { }
}
