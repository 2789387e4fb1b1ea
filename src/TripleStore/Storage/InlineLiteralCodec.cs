using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Packs literals into the fifteen payload bytes of a <see cref="TermId"/> when the lexical form can be
/// regenerated exactly from the packed value. "Canonical" here means exactly that round trip: a form the
/// formatter would not write again ("+1", "01", "1.0E0") goes to the dictionary instead, so every literal
/// keeps its exact lexical form.
/// </summary>
internal static class InlineLiteralCodec
{
    public const int Payload = TermId.Size - 1;
    public const int MaxSmallString = Payload - 1;
    public const int MaxSmallLangString = Payload - 2;

    // Integer-valued datatypes, by code; the code is stored in the id, so append only.
    private static readonly Iri[] IntegerTypes =
    [
        Xsd.Integer, Xsd.Long, Xsd.Int, Xsd.Short, Xsd.Byte, Xsd.NonNegativeInteger, Xsd.NonPositiveInteger,
        Xsd.NegativeInteger, Xsd.PositiveInteger, Xsd.UnsignedLong, Xsd.UnsignedInt, Xsd.UnsignedShort, Xsd.UnsignedByte,
    ];

    private static readonly Dictionary<string, byte> IntegerTypeCodes =
        IntegerTypes.Select((iri, i) => (iri.Value, Code: (byte)(i + 1))).ToDictionary(x => x.Value, x => x.Code, StringComparer.Ordinal);

    public static bool TryEncode(Literal literal, out TermId id)
    {
        Span<byte> bytes = stackalloc byte[TermId.Size];
        bytes.Clear();
        if (TryPack(literal, bytes))
        {
            id = TermId.Read(bytes);
            return true;
        }
        id = default;
        return false;
    }

    private static bool TryPack(Literal literal, Span<byte> bytes)
    {
        var payload = bytes[1..];
        string value = literal.Value;
        if (literal.Language is { } language)
        {
            int valueLength = Encoding.UTF8.GetByteCount(value);
            int languageLength = Encoding.UTF8.GetByteCount(language);
            if (valueLength + languageLength > MaxSmallLangString) return false;
            bytes[0] = (byte)TermTag.SmallLangString;
            payload[0] = (byte)valueLength;
            payload[1] = (byte)languageLength;
            Encoding.UTF8.GetBytes(value, payload[2..]);
            Encoding.UTF8.GetBytes(language, payload[(2 + valueLength)..]);
            return true;
        }

        string datatype = literal.Datatype.Value;
        if (datatype == Xsd.StringIri)
        {
            if (value.Length > MaxSmallString || Encoding.UTF8.GetByteCount(value) > MaxSmallString) return false;
            bytes[0] = (byte)TermTag.SmallString;
            payload[0] = (byte)Encoding.UTF8.GetBytes(value, payload[1..]);
            return true;
        }
        if (!datatype.StartsWith(Xsd.Namespace, StringComparison.Ordinal)) return false;

        if (IntegerTypeCodes.TryGetValue(datatype, out byte code))
        {
            if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
                || number.ToString(CultureInfo.InvariantCulture) != value) return false;
            bytes[0] = (byte)TermTag.Integer;
            payload[0] = code;
            BinaryPrimitives.WriteUInt64BigEndian(payload[1..], (ulong)number ^ 0x8000_0000_0000_0000UL);
            return true;
        }
        if (datatype == Xsd.Boolean.Value)
        {
            if (value is not ("true" or "false")) return false;
            bytes[0] = (byte)TermTag.Boolean;
            payload[0] = value == "true" ? (byte)1 : (byte)0;
            return true;
        }
        if (datatype == Xsd.Decimal.Value)
        {
            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number)
                || number.ToString(CultureInfo.InvariantCulture) != value) return false;
            bytes[0] = (byte)TermTag.Decimal;
            Span<int> parts = stackalloc int[4];
            decimal.GetBits(number, parts);
            BinaryPrimitives.WriteInt32BigEndian(payload, parts[2]);
            BinaryPrimitives.WriteInt32BigEndian(payload[4..], parts[1]);
            BinaryPrimitives.WriteInt32BigEndian(payload[8..], parts[0]);
            payload[12] = (byte)((parts[3] >> 16) & 0xFF);
            payload[13] = (byte)(parts[3] < 0 ? 1 : 0);
            return true;
        }
        if (datatype == Xsd.Double.Value)
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                || number.ToString("R", CultureInfo.InvariantCulture) != value) return false;
            bytes[0] = (byte)TermTag.Double;
            BinaryPrimitives.WriteInt64BigEndian(payload, BitConverter.DoubleToInt64Bits(number));
            return true;
        }
        if (datatype == Xsd.Float.Value)
        {
            if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float number)
                || number.ToString("R", CultureInfo.InvariantCulture) != value) return false;
            bytes[0] = (byte)TermTag.Float;
            BinaryPrimitives.WriteInt32BigEndian(payload, BitConverter.SingleToInt32Bits(number));
            return true;
        }
        return InlineDateTimeCodec.TryPack(literal, bytes);
    }

    /// <summary>
    /// The value of an inline xsd:integer or xsd:long (codes 1 and 2), read from the id without building the
    /// literal; false for other ids. The other integer codes are left out: their ids may hold values outside
    /// their type's range (ill-typed literals), which only the term path judges.
    /// </summary>
    public static bool TryInteger(TermId id, out long value)
    {
        // Byte 0 the tag, byte 1 the code, bytes 2-9 the sign-flipped big-endian value.
        if (id.Tag != TermTag.Integer || ((id.High >> 48) & 0xFF) is not (1 or 2))
        {
            value = 0;
            return false;
        }
        value = (long)(((id.High << 16) | (id.Low >> 48)) ^ 0x8000_0000_0000_0000UL);
        return true;
    }

    /// <summary>
    /// Whether the lexical form of a small string or small language string id contains the given bytes,
    /// searched in the id's UTF-8 payload; null for any other id.
    /// </summary>
    public static bool? TryStringContains(TermId id, ReadOnlySpan<byte> utf8)
    {
        int start;
        switch (id.Tag)
        {
            case TermTag.SmallString: start = 2; break;
            case TermTag.SmallLangString: start = 3; break;
            default: return null;
        }
        Span<byte> bytes = stackalloc byte[TermId.Size];
        id.Write(bytes);
        int length = bytes[1];
        if (length > Payload - (start - 1)) return null;
        return bytes.Slice(start, length).IndexOf(utf8) >= 0;
    }

    public static Literal Decode(TermId id)
    {
        Span<byte> bytes = stackalloc byte[TermId.Size];
        id.Write(bytes);
        ReadOnlySpan<byte> payload = bytes[1..];
        switch (id.Tag)
        {
            case TermTag.SmallString:
                return Literal.Simple(Encoding.UTF8.GetString(payload.Slice(1, payload[0])));
            case TermTag.SmallLangString:
                {
                    int valueLength = payload[0], languageLength = payload[1];
                    return Literal.LangString(
                        Encoding.UTF8.GetString(payload.Slice(2, valueLength)),
                        Encoding.UTF8.GetString(payload.Slice(2 + valueLength, languageLength)));
                }
            case TermTag.Boolean:
                return Literal.Typed(payload[0] == 1 ? "true" : "false", Xsd.Boolean);
            case TermTag.Integer:
                {
                    long number = (long)(BinaryPrimitives.ReadUInt64BigEndian(payload[1..]) ^ 0x8000_0000_0000_0000UL);
                    return Literal.Typed(number.ToString(CultureInfo.InvariantCulture), IntegerTypes[payload[0] - 1]);
                }
            case TermTag.Decimal:
                {
                    var number = new decimal(
                        BinaryPrimitives.ReadInt32BigEndian(payload[8..]),
                        BinaryPrimitives.ReadInt32BigEndian(payload[4..]),
                        BinaryPrimitives.ReadInt32BigEndian(payload),
                        payload[13] == 1,
                        payload[12]);
                    return Literal.Typed(number.ToString(CultureInfo.InvariantCulture), Xsd.Decimal);
                }
            case TermTag.Double:
                return Literal.Typed(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(payload)).ToString("R", CultureInfo.InvariantCulture), Xsd.Double);
            case TermTag.Float:
                return Literal.Typed(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(payload)).ToString("R", CultureInfo.InvariantCulture), Xsd.Float);
            case TermTag.DateTime:
                return InlineDateTimeCodec.Unpack(payload);
            default:
                throw new TripleStoreException(ErrorCodes.Corruption, ErrorKind.Corruption, $"Term id {id} has an unknown inline tag {(byte)id.Tag:x2}.");
        }
    }
}
