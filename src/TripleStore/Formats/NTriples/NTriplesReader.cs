using TripleStore.Rdf;

namespace TripleStore.Formats.NTriples;

// Placeholder so the skeleton compiles; replaced by the real reader.
public sealed class NTriplesReader : RdfReader
{
    public NTriplesReader(TextReader input, RdfReaderOptions options, bool quads) : base(options) => throw new NotSupportedException("NTriplesReader is not implemented yet.");
    public override RdfFormat Format => throw new NotSupportedException();
    public override bool TryRead(out Quad quad) => throw new NotSupportedException();
}
