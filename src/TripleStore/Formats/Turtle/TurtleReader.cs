using TripleStore.Rdf;

namespace TripleStore.Formats.Turtle;

// Placeholder so the skeleton compiles; replaced by the real reader.
public sealed class TurtleReader : RdfReader
{
    public TurtleReader(TextReader input, RdfReaderOptions options, bool trig) : base(options) => throw new NotSupportedException("TurtleReader is not implemented yet.");
    public override RdfFormat Format => throw new NotSupportedException();
    public override bool TryRead(out Quad quad) => throw new NotSupportedException();
}
