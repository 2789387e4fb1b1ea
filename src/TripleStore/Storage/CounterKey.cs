using System.Buffers.Binary;

namespace TripleStore.Storage;

/// <summary>One counter: its kind and the term it counts for.</summary>
internal readonly record struct CounterKey(CounterKind Kind, TermId Term)
{
    public const int Length = 2 + TermId.Size;

    public byte[] ToBytes()
    {
        var key = new byte[Length];
        key[0] = (byte)KeySection.Counter;
        key[1] = (byte)Kind;
        Term.Write(key.AsSpan(2));
        return key;
    }

    public static CounterKey FromBytes(ReadOnlySpan<byte> key) => new((CounterKind)key[1], TermId.Read(key[2..]));

    public static byte[] EncodeValue(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static long DecodeValue(ReadOnlySpan<byte> value) => value.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(value) : 0;
}
