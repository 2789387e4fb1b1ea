using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// The dictionary's byte form of a term: a form byte, then UTF-8 text. Language tags and datatypes are
/// length-prefixed so that a lexical form may contain any character, NUL included.
/// </summary>
internal static class TermSerializer
{
    internal const byte IriForm = 1, BlankNodeForm = 2, SimpleLiteralForm = 3, LangStringForm = 4, TypedLiteralForm = 5;

    public static int Serialize(Term term, ref byte[] buffer)
    {
        switch (term)
        {
            case Iri iri:
                return WriteText(IriForm, null, iri.Value, ref buffer);
            case BlankNode blank:
                return WriteText(BlankNodeForm, null, blank.Id, ref buffer);
            case Literal { Language: { } language } literal:
                return WriteText(LangStringForm, language, literal.Value, ref buffer);
            case Literal literal when literal.Datatype.Value == Xsd.StringIri:
                return WriteText(SimpleLiteralForm, null, literal.Value, ref buffer);
            case Literal literal:
                return WriteText(TypedLiteralForm, literal.Datatype.Value, literal.Value, ref buffer);
            default:
                throw new ArgumentException($"Unsupported term type {term.GetType()}.", nameof(term));
        }
    }

    public static byte[] Serialize(Term term)
    {
        var buffer = new byte[64];
        int length = Serialize(term, ref buffer);
        return buffer.AsSpan(0, length).ToArray();
    }

    private static int WriteText(byte form, string? prefix, string text, ref byte[] buffer)
    {
        int prefixBytes = prefix is null ? 0 : Encoding.UTF8.GetByteCount(prefix);
        int max = 1 + 5 + prefixBytes + Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < max) buffer = new byte[Math.Max(max, buffer.Length * 2)];
        int pos = 0;
        buffer[pos++] = form;
        if (prefix is not null)
        {
            pos += WriteVarint(buffer.AsSpan(pos), (uint)prefixBytes);
            pos += Encoding.UTF8.GetBytes(prefix, buffer.AsSpan(pos));
        }
        pos += Encoding.UTF8.GetBytes(text, buffer.AsSpan(pos));
        return pos;
    }

    public static Term Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw Corrupt("an empty dictionary entry");
        byte form = bytes[0];
        var rest = bytes[1..];
        switch (form)
        {
            case IriForm: return new Iri(Encoding.UTF8.GetString(rest));
            case BlankNodeForm: return new BlankNode(Encoding.UTF8.GetString(rest));
            case SimpleLiteralForm: return Literal.Simple(Encoding.UTF8.GetString(rest));
            case LangStringForm:
            case TypedLiteralForm:
                {
                    int read = ReadVarint(rest, out uint length);
                    if (read == 0 || read + length > rest.Length) throw Corrupt("a truncated dictionary entry");
                    string prefix = Encoding.UTF8.GetString(rest.Slice(read, (int)length));
                    string value = Encoding.UTF8.GetString(rest[(read + (int)length)..]);
                    return form == LangStringForm ? Literal.LangString(value, prefix) : Literal.Typed(value, Xsd.Intern(prefix));
                }
            default:
                throw Corrupt($"a dictionary entry of unknown form {form}");
        }
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    private static int ReadVarint(ReadOnlySpan<byte> source, out uint value)
    {
        value = 0;
        for (int i = 0, shift = 0; i < source.Length && i < 5; i++, shift += 7)
        {
            value |= (uint)(source[i] & 0x7F) << shift;
            if ((source[i] & 0x80) == 0) return i + 1;
        }
        return 0;
    }

    private static TripleStoreException Corrupt(string what) =>
        new(ErrorCodes.Corruption, ErrorKind.Corruption, $"The store's dictionary holds {what}; the store may be damaged (run an integrity check or restore a backup).");
}
