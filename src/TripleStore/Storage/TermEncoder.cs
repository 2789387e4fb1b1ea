using System.IO.Hashing;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Turns terms into <see cref="TermId"/>s. Inline-able literals become their packed value; every other
/// term becomes its tag plus 120 bits of the xxHash128 of its dictionary form, so encoding needs no
/// read from the store. After encoding a hashed term, <see cref="Serialized"/> holds the bytes the
/// dictionary stores for it. One instance per thread: it reuses a scratch buffer.
/// </summary>
internal sealed class TermEncoder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>The dictionary form of the last hashed term encoded.</summary>
    public ReadOnlySpan<byte> Serialized => _buffer.AsSpan(0, _length);

    public TermId Encode(Term term)
    {
        if (term is Literal literal && InlineLiteralCodec.TryEncode(literal, out var inline))
        {
            _length = 0;
            return inline;
        }
        _length = TermSerializer.Serialize(term, ref _buffer);
        return HashId(term.Kind, Serialized);
    }

    /// <summary>Encodes a graph name; null is the default graph.</summary>
    public TermId EncodeGraph(Term? graph) => graph is null ? TermId.DefaultGraph : Encode(graph);

    private static TermId HashId(TermKind kind, ReadOnlySpan<byte> serialized) => HashId(kind switch
    {
        TermKind.Iri => TermTag.Iri,
        TermKind.BlankNode => TermTag.BlankNode,
        _ => TermTag.Literal,
    }, serialized);

    /// <summary>The id of a hashed term from its dictionary form, for readers that build that form without a <see cref="Term"/>.</summary>
    internal static TermId HashId(TermTag tag, ReadOnlySpan<byte> serialized)
    {
        UInt128 hash = XxHash128.HashToUInt128(serialized);
        ulong high = ((ulong)(hash >> 64) & 0x00FF_FFFF_FFFF_FFFFUL) | ((ulong)tag << 56);
        return new TermId(high, (ulong)hash);
    }
}
