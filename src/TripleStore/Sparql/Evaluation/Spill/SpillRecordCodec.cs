using System.Buffers.Binary;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// The byte form of a <see cref="SpillRecord"/> in a spill file: a length prefix, the sequence number,
/// the tie breaker, then each key and row term as a tag byte and UTF-8 text. Rows hold terms rather than store ids (an
/// operator may see terms no dictionary has, such as BIND results), so the text is the one form every
/// term has. Common datatypes take one byte.
/// </summary>
internal static class SpillRecordCodec
{
    private const byte Null = 0, IriTag = 1, BlankTag = 2, SimpleTag = 3, LangTag = 4, TypedTag = 5,
        IntegerTag = 6, DecimalTag = 7, DoubleTag = 8, BooleanTag = 9, DateTimeTag = 10;

    /// <summary>Appends the record (with its length prefix) to <paramref name="buffer"/> and returns the bytes used.</summary>
    public static int Write(in SpillRecord record, ref byte[] buffer)
    {
        int pos = 5; // room for the length prefix, moved into place at the end
        pos = WriteVarLong(ref buffer, pos, (ulong)record.Seq);
        pos = WriteVarLong(ref buffer, pos, (ulong)record.Tie);
        pos = WriteVarLong(ref buffer, pos, (ulong)record.Keys.Length);
        foreach (var t in record.Keys) pos = WriteTerm(ref buffer, pos, t);
        pos = WriteVarLong(ref buffer, pos, (ulong)record.Row.Length);
        foreach (var t in record.Row) pos = WriteTerm(ref buffer, pos, t);
        int body = pos - 5;
        Span<byte> prefix = stackalloc byte[5];
        int prefixLength = 0;
        for (uint v = (uint)body; ; v >>= 7)
        {
            if (v < 0x80) { prefix[prefixLength++] = (byte)v; break; }
            prefix[prefixLength++] = (byte)(v | 0x80);
        }
        int start = 5 - prefixLength;
        prefix[..prefixLength].CopyTo(buffer.AsSpan(start));
        if (start > 0) Buffer.BlockCopy(buffer, start, buffer, 0, pos - start);
        return pos - start;
    }

    /// <summary>Reads the next record, or returns false at the end of the stream.</summary>
    public static bool TryRead(Stream stream, ref byte[] buffer, out SpillRecord record)
    {
        record = default;
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                if (shift == 0) return false;
                throw Truncated();
            }
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        if (buffer.Length < length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
        stream.ReadExactly(buffer, 0, length);
        var span = new ReadOnlySpan<byte>(buffer, 0, length);
        int pos = 0;
        long seq = (long)ReadVarLong(span, ref pos);
        long tie = (long)ReadVarLong(span, ref pos);
        var keys = new Term?[(int)ReadVarLong(span, ref pos)];
        for (int i = 0; i < keys.Length; i++) keys[i] = ReadTerm(span, ref pos);
        var row = new Term?[(int)ReadVarLong(span, ref pos)];
        for (int i = 0; i < row.Length; i++) row[i] = ReadTerm(span, ref pos);
        record = new SpillRecord(seq, keys, row, tie);
        return true;
    }

    private static int WriteTerm(ref byte[] buffer, int pos, Term? term)
    {
        switch (term)
        {
            case null:
                return WriteByte(ref buffer, pos, Null);
            case Iri iri:
                return WriteText(ref buffer, WriteByte(ref buffer, pos, IriTag), iri.Value);
            case BlankNode blank:
                return WriteText(ref buffer, WriteByte(ref buffer, pos, BlankTag), blank.Id);
            case Literal { Language: { } language } l:
                return WriteText(ref buffer, WriteText(ref buffer, WriteByte(ref buffer, pos, LangTag), language), l.Value);
            case Literal l:
                byte tag = l.Datatype.Value switch
                {
                    Xsd.StringIri => SimpleTag,
                    "http://www.w3.org/2001/XMLSchema#integer" => IntegerTag,
                    "http://www.w3.org/2001/XMLSchema#decimal" => DecimalTag,
                    "http://www.w3.org/2001/XMLSchema#double" => DoubleTag,
                    "http://www.w3.org/2001/XMLSchema#boolean" => BooleanTag,
                    "http://www.w3.org/2001/XMLSchema#dateTime" => DateTimeTag,
                    _ => TypedTag,
                };
                pos = WriteByte(ref buffer, pos, tag);
                if (tag == TypedTag) pos = WriteText(ref buffer, pos, l.Datatype.Value);
                return WriteText(ref buffer, pos, l.Value);
            default:
                throw new ArgumentException($"Unsupported term type {term.GetType()}.", nameof(term));
        }
    }

    private static Term? ReadTerm(ReadOnlySpan<byte> span, ref int pos)
    {
        byte tag = span[pos++];
        switch (tag)
        {
            case Null: return null;
            case IriTag: return new Iri(ReadText(span, ref pos));
            case BlankTag: return new BlankNode(ReadText(span, ref pos));
            case SimpleTag: return Literal.Simple(ReadText(span, ref pos));
            case LangTag:
            {
                string language = ReadText(span, ref pos);
                return Literal.LangString(ReadText(span, ref pos), language);
            }
            case TypedTag:
            {
                string datatype = ReadText(span, ref pos);
                return Literal.Typed(ReadText(span, ref pos), Xsd.Intern(datatype));
            }
            case IntegerTag: return Literal.Typed(ReadText(span, ref pos), Xsd.Integer);
            case DecimalTag: return Literal.Typed(ReadText(span, ref pos), Xsd.Decimal);
            case DoubleTag: return Literal.Typed(ReadText(span, ref pos), Xsd.Double);
            case BooleanTag: return Literal.Typed(ReadText(span, ref pos), Xsd.Boolean);
            case DateTimeTag: return Literal.Typed(ReadText(span, ref pos), Xsd.DateTime);
            default: throw Truncated();
        }
    }

    private static int WriteByte(ref byte[] buffer, int pos, byte value)
    {
        Ensure(ref buffer, pos + 1);
        buffer[pos] = value;
        return pos + 1;
    }

    private static int WriteText(ref byte[] buffer, int pos, string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Ensure(ref buffer, pos + 5 + max);
        int length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(pos + 5));
        int prefix = WriteVarLong(ref buffer, pos, (ulong)length) - pos;
        if (prefix != 5) Buffer.BlockCopy(buffer, pos + 5, buffer, pos + prefix, length);
        return pos + prefix + length;
    }

    private static string ReadText(ReadOnlySpan<byte> span, ref int pos)
    {
        int length = (int)ReadVarLong(span, ref pos);
        var text = Encoding.UTF8.GetString(span.Slice(pos, length));
        pos += length;
        return text;
    }

    private static int WriteVarLong(ref byte[] buffer, int pos, ulong value)
    {
        Ensure(ref buffer, pos + 10);
        while (value >= 0x80)
        {
            buffer[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[pos++] = (byte)value;
        return pos;
    }

    private static ulong ReadVarLong(ReadOnlySpan<byte> span, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = span[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }

    private static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size) Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
    }

    private static TripleStoreException Truncated() =>
        new(ErrorCodes.IO, ErrorKind.IO, "A query's spill file is truncated or damaged; it was written by this query, so the disk or the temp folder failed.");
}
