using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Packs xsd:dateTime, xsd:dateTimeStamp and xsd:date literals with four-digit years into an id:
/// ticks, the time zone as written (none, "Z" or an offset) and the number of fraction digits, which
/// together regenerate the lexical form exactly. Anything else (24:00:00, long fractions, years past
/// 9999, "-00:00") is left to the dictionary.
/// </summary>
internal static class InlineDateTimeCodec
{
    private const byte DateTimeCode = 1, DateTimeStampCode = 2, DateCode = 3;
    private const byte NoZone = 0, UtcZone = 1, OffsetZone = 2;

    public static bool TryPack(Literal literal, Span<byte> bytes)
    {
        string datatype = literal.Datatype.Value;
        byte code = datatype == Xsd.DateTime.Value ? DateTimeCode
            : datatype == Xsd.DateTimeStamp.Value ? DateTimeStampCode
            : datatype == Xsd.Date.Value ? DateCode
            : (byte)0;
        if (code == 0) return false;
        string text = literal.Value;
        if (!TryParse(text, code == DateCode, out long ticks, out byte zone, out short offset, out byte digits)) return false;
        if (Format(code, ticks, zone, offset, digits) != text) return false;

        bytes[0] = (byte)TermTag.DateTime;
        var payload = bytes[1..];
        payload[0] = code;
        BinaryPrimitives.WriteInt64BigEndian(payload[1..], ticks);
        payload[9] = zone;
        BinaryPrimitives.WriteInt16BigEndian(payload[10..], offset);
        payload[12] = digits;
        return true;
    }

    public static Literal Unpack(ReadOnlySpan<byte> payload)
    {
        byte code = payload[0];
        string text = Format(code, BinaryPrimitives.ReadInt64BigEndian(payload[1..]), payload[9],
            BinaryPrimitives.ReadInt16BigEndian(payload[10..]), payload[12]);
        return Literal.Typed(text, code switch
        {
            DateTimeCode => Xsd.DateTime,
            DateTimeStampCode => Xsd.DateTimeStamp,
            _ => Xsd.Date,
        });
    }

    private static bool TryParse(string s, bool dateOnly, out long ticks, out byte zone, out short offset, out byte digits)
    {
        ticks = 0; zone = NoZone; offset = 0; digits = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day)) return false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int pos = 10;
        long timeTicks = 0;
        if (!dateOnly)
        {
            if (s.Length < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
            if (!Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second)) return false;
            if (hour > 23 || minute > 59 || second > 59) return false;
            timeTicks = new TimeSpan(hour, minute, second).Ticks;
            pos = 19;
            if (pos < s.Length && s[pos] == '.')
            {
                int start = ++pos;
                while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
                int count = pos - start;
                if (count is 0 or > 7) return false;
                Digits(s, start, count, out int fraction);
                for (int i = count; i < 7; i++) fraction *= 10;
                timeTicks += fraction;
                digits = (byte)count;
            }
        }
        if (pos < s.Length)
        {
            if (s[pos] == 'Z' && pos + 1 == s.Length) zone = UtcZone;
            else
            {
                if (s.Length - pos != 6 || (s[pos] != '+' && s[pos] != '-') || s[pos + 3] != ':') return false;
                if (!Digits(s, pos + 1, 2, out int oh) || !Digits(s, pos + 4, 2, out int om) || oh > 14 || om > 59) return false;
                zone = OffsetZone;
                offset = (short)((s[pos] == '-' ? -1 : 1) * (oh * 60 + om));
            }
        }
        ticks = new DateTime(year, month, day).Ticks + timeTicks;
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    private static string Format(byte code, long ticks, byte zone, short offset, byte digits)
    {
        var time = new DateTime(ticks);
        var text = new StringBuilder(32);
        text.Append(time.ToString(code == DateCode ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        if (digits > 0)
        {
            long fraction = ticks % TimeSpan.TicksPerSecond;
            text.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture), 0, digits);
        }
        if (zone == UtcZone) text.Append('Z');
        else if (zone == OffsetZone)
        {
            int minutes = Math.Abs((int)offset);
            text.Append(offset < 0 ? '-' : '+')
                .Append((minutes / 60).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                .Append((minutes % 60).ToString("D2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
