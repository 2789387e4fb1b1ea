using System.Buffers.Binary;
using TripleStore.Dataset;

namespace TripleStore.Storage;

/// <summary>
/// The id ranges that can hold a number within given bounds, for range scans over a predicate's objects
/// (<see cref="IEncodedQuadSource.NumericObjectRanges"/>). Inline integers are ordered by value within each
/// datatype code (tag, code, then the sign-flipped big-endian long), so each code gives one narrow range.
/// Decimals, doubles and floats are inline too but not stored in value order, so their tags are kept
/// whole, and so is the hashed literal tag, which holds every number without a canonical inline form
/// ("01", "+1", integers past 64 bits) and every ill-typed one. Everything else (IRIs, blank nodes,
/// strings, booleans, date/times) cannot compare with a number and is left out.
/// </summary>
internal static class NumericIdRanges
{
    // Integer codes 1..13 (InlineLiteralCodec.IntegerTypes).
    private const int IntegerCodes = 13;

    // Below 2^52 a double and the nearest whole numbers differ by less than one, so widening a bound by one
    // covers any rounding of the value it came from; past that the bound is not used.
    private const double ExactLimit = 4503599627370496d;

    public static NodeRange[] For(double? lowest, double? highest)
    {
        long lo = long.MinValue, hi = long.MaxValue;
        if (lowest is double l && !double.IsNaN(l) && Math.Abs(l) < ExactLimit) lo = (long)Math.Floor(l) - 1;
        if (highest is double h && !double.IsNaN(h) && Math.Abs(h) < ExactLimit) hi = (long)Math.Ceiling(h) + 1;
        var ranges = new List<NodeRange>(IntegerCodes + 2) { WholeTags(TermTag.Literal, TermTag.Literal) };
        if (lo <= hi)
            for (int code = 1; code <= IntegerCodes; code++)
                ranges.Add(new NodeRange(Integer(code, lo), Integer(code, hi)));
        ranges.Add(WholeTags(TermTag.Decimal, TermTag.Float));
        return ranges.ToArray();
    }

    private static NodeRange WholeTags(TermTag first, TermTag last) =>
        new(new NodeId((ulong)first << 56, 0), new NodeId(((ulong)last << 56) | 0x00FF_FFFF_FFFF_FFFFUL, ulong.MaxValue));

    private static NodeId Integer(int code, long value)
    {
        Span<byte> bytes = stackalloc byte[TermId.Size];
        bytes.Clear();
        bytes[0] = (byte)TermTag.Integer;
        bytes[1] = (byte)code;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[2..], (ulong)value ^ 0x8000_0000_0000_0000UL);
        return new NodeId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }
}
