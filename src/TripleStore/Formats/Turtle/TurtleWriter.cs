using TripleStore.Rdf;

namespace TripleStore.Formats.Turtle;

// Placeholder so the skeleton compiles; replaced by the real writer.
public sealed class TurtleWriter : RdfWriter
{
    public TurtleWriter(TextWriter output, RdfWriterOptions options, bool trig) => throw new NotSupportedException("TurtleWriter is not implemented yet.");
    public override RdfFormat Format => throw new NotSupportedException();
    public override void Write(in Quad quad) => throw new NotSupportedException();
    protected override void OnFinish() { }
}
