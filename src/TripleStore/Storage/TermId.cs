using System.Buffers.Binary;

namespace TripleStore.Storage;

/// <summary>
/// The fixed-width (16 byte) identifier of a term inside the store. The first byte is a
/// <see cref="TermTag"/>; the other fifteen hold either the value itself (small strings, numbers,
/// booleans, dates) or a 120-bit hash of the term. Held as two big-endian words so that comparing
/// ids compares their key bytes.
/// </summary>
public readonly struct TermId : IEquatable<TermId>, IComparable<TermId>
{
    public const int Size = 16;

    internal TermId(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    internal ulong High { get; }
    internal ulong Low { get; }

    /// <summary>The id of the default graph in the graph position: all zero, below every real term.</summary>
    public static TermId DefaultGraph => default;

    internal TermTag Tag => (TermTag)(High >> 56);

    /// <summary>True when the id holds the term's value, so decoding needs no dictionary lookup.</summary>
    public bool IsInline => Tag >= TermTag.SmallString;

    internal static TermId Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source[8..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    public bool Equals(TermId other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is TermId other && Equals(other);

    public override int GetHashCode() => (High ^ (Low * 0x9E3779B97F4A7C15)).GetHashCode();

    public int CompareTo(TermId other)
    {
        int c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public static bool operator ==(TermId a, TermId b) => a.Equals(b);
    public static bool operator !=(TermId a, TermId b) => !a.Equals(b);

    public override string ToString() => $"{High:x16}{Low:x16}";
}
