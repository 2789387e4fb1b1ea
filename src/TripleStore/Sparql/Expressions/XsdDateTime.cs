using System.Globalization;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// A value of xsd:dateTime, xsd:date or xsd:time: the fields as written plus an optional timezone.
/// Years are proleptic Gregorian and may be negative or longer than four digits (XSD 1.1: year 0 is 1 BCE).
/// Values compare on the timeline; a value without a timezone compares with one that has a timezone
/// only when they are more than 14 hours apart (XSD 1.1 section 3.3.7's partial order), otherwise the
/// comparison is indeterminate.
/// </summary>
public readonly struct XsdDateTime
{
    private const int SecondsPerDay = 86400;
    // The date XSD 1.1 pairs with xsd:time values to place them on the timeline.
    private static readonly long TimeReferenceDay = DaysFromCivil(1972, 12, 31);

    public XsdDateTime(TemporalKind kind, long year, int month, int day, int hour, int minute, decimal second, int? timezoneMinutes)
    {
        Kind = kind;
        Year = year;
        Month = month;
        Day = day;
        Hour = hour;
        Minute = minute;
        Second = second;
        TimezoneMinutes = timezoneMinutes;
    }

    public TemporalKind Kind { get; }
    public long Year { get; }
    public int Month { get; }
    public int Day { get; }
    public int Hour { get; }
    public int Minute { get; }
    public decimal Second { get; }

    /// <summary>The timezone offset from UTC in minutes, or null when the value has no timezone.</summary>
    public int? TimezoneMinutes { get; }

    public bool HasTimezone => TimezoneMinutes.HasValue;

    public static bool TryParse(Literal literal, out XsdDateTime value)
    {
        value = default;
        return literal.Datatype.Value switch
        {
            XsdNames.DateTime => TryParse(literal.Value, TemporalKind.DateTime, out value),
            XsdNames.DateTimeStamp => TryParse(literal.Value, TemporalKind.DateTime, out value) && value.HasTimezone,
            XsdNames.Date => TryParse(literal.Value, TemporalKind.Date, out value),
            XsdNames.Time => TryParse(literal.Value, TemporalKind.Time, out value),
            _ => false,
        };
    }

    public static bool IsTemporalDatatype(string datatype) =>
        datatype is XsdNames.DateTime or XsdNames.DateTimeStamp or XsdNames.Date or XsdNames.Time;

    public static bool TryParse(string text, TemporalKind kind, out XsdDateTime value)
    {
        value = default;
        var s = text.AsSpan();
        int pos = 0;
        long year = 0;
        int month = 1, day = 1, hour = 0, minute = 0;
        decimal second = 0;
        if (kind != TemporalKind.Time)
        {
            bool negative = pos < s.Length && s[pos] == '-';
            if (negative) pos++;
            int start = pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
            int yearDigits = pos - start;
            if (yearDigits < 4 || yearDigits > 18 || (yearDigits > 4 && s[start] == '0')) return false;
            year = long.Parse(s[start..pos], CultureInfo.InvariantCulture);
            if (negative) year = -year;
            if (!Expect(s, ref pos, '-') || !TwoDigits(s, ref pos, out month) || !Expect(s, ref pos, '-') || !TwoDigits(s, ref pos, out day))
                return false;
            if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
            if (kind == TemporalKind.DateTime && !Expect(s, ref pos, 'T')) return false;
        }
        if (kind != TemporalKind.Date)
        {
            if (!TwoDigits(s, ref pos, out hour) || !Expect(s, ref pos, ':') || !TwoDigits(s, ref pos, out minute) || !Expect(s, ref pos, ':'))
                return false;
            int secStart = pos;
            if (!TwoDigits(s, ref pos, out _)) return false;
            if (pos < s.Length && s[pos] == '.')
            {
                pos++;
                int fracStart = pos;
                while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
                if (pos == fracStart) return false;
            }
            // Digits past decimal's precision are rounded away; no real clock has them.
            if (!decimal.TryParse(s[secStart..Math.Min(pos, secStart + 29)], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out second))
                return false;
            if (minute > 59 || second >= 60) return false;
            if (hour == 24) { if (minute != 0 || second != 0) return false; }
            else if (hour > 23) return false;
        }
        int? tz = null;
        if (pos < s.Length)
        {
            if (s[pos] == 'Z') { tz = 0; pos++; }
            else if (s[pos] is '+' or '-')
            {
                int sign = s[pos] == '-' ? -1 : 1;
                pos++;
                if (!TwoDigits(s, ref pos, out int th) || !Expect(s, ref pos, ':') || !TwoDigits(s, ref pos, out int tm)) return false;
                if (tm > 59 || th > 14 || (th == 14 && tm != 0)) return false;
                tz = sign * (th * 60 + tm);
            }
            else return false;
        }
        if (pos != s.Length) return false;
        value = new XsdDateTime(kind, year, month, day, hour, minute, second, tz);
        return true;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int pos, char c)
    {
        if (pos >= s.Length || s[pos] != c) return false;
        pos++;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, ref int pos, out int value)
    {
        value = 0;
        if (pos + 2 > s.Length || !char.IsAsciiDigit(s[pos]) || !char.IsAsciiDigit(s[pos + 1])) return false;
        value = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
        pos += 2;
        return true;
    }

    public static bool IsLeapYear(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days from 0001-01-01 to the given proleptic Gregorian date (negative before it).</summary>
    internal static long DaysFromCivil(long y, int m, int d)
    {
        // Howard Hinnant's days_from_civil, shifted so that 0001-01-01 is day 0.
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719_468 + 719_162;
    }

    internal static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        long z = days + 719_468 - 719_162;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int)(doy - (153 * mp + 2) / 5 + 1);
        int m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    /// <summary>Seconds since 0001-01-01T00:00:00 of the local fields, ignoring the timezone.</summary>
    private decimal LocalSeconds()
    {
        long days = Kind == TemporalKind.Time ? TimeReferenceDay : DaysFromCivil(Year, Month, Day);
        return days * (decimal)SecondsPerDay + Hour * 3600 + Minute * 60 + Second;
    }

    /// <summary>Seconds since 0001-01-01T00:00:00Z; a value without timezone is taken as UTC.</summary>
    public decimal TimelineSeconds => LocalSeconds() - (TimezoneMinutes ?? 0) * 60;

    /// <summary>
    /// Compares two values of the same kind on the timeline; null when they are of different kinds or
    /// the comparison is indeterminate (one has a timezone, the other not, and they are within 14 hours).
    /// </summary>
    public static int? Compare(XsdDateTime a, XsdDateTime b)
    {
        if (a.Kind != b.Kind) return null;
        decimal x = a.TimelineSeconds, y = b.TimelineSeconds;
        if (a.HasTimezone == b.HasTimezone) return x.CompareTo(y);
        const decimal fourteenHours = 14 * 3600;
        // The value without a timezone could lie anywhere within +-14h of its UTC reading.
        if (a.HasTimezone)
        {
            if (x < y - fourteenHours) return -1;
            if (x > y + fourteenHours) return 1;
        }
        else
        {
            if (x + fourteenHours < y) return -1;
            if (x - fourteenHours > y) return 1;
        }
        return null;
    }

    /// <summary>The value with the timeline moved by <paramref name="seconds"/>, keeping the timezone.</summary>
    public XsdDateTime AddSeconds(decimal seconds)
    {
        decimal local = LocalSeconds() + seconds;
        long days = (long)Math.Floor(local / SecondsPerDay);
        decimal rest = local - days * (decimal)SecondsPerDay;
        int hour = (int)(rest / 3600);
        rest -= hour * 3600;
        int minute = (int)(rest / 60);
        rest -= minute * 60;
        if (Kind == TemporalKind.Time) return new XsdDateTime(Kind, 0, 1, 1, hour, minute, rest, TimezoneMinutes);
        var (y, m, d) = CivilFromDays(days);
        return new XsdDateTime(Kind, y, m, d, Kind == TemporalKind.Date ? 0 : hour, Kind == TemporalKind.Date ? 0 : minute,
            Kind == TemporalKind.Date ? 0 : rest, TimezoneMinutes);
    }

    /// <summary>The value moved by whole months, the day clamped to the end of the month (fn:add-yearMonthDuration-to-dateTime).</summary>
    public XsdDateTime AddMonths(long months)
    {
        if (Kind == TemporalKind.Time) return this;
        long total = Year * 12 + (Month - 1) + months;
        long y = (long)Math.Floor(total / 12.0);
        int m = (int)(total - y * 12) + 1;
        int d = Math.Min(Day, DaysInMonth(y, m));
        return new XsdDateTime(Kind, y, m, d, Hour, Minute, Second, TimezoneMinutes);
    }

    public Iri Datatype => Kind switch
    {
        TemporalKind.Date => Xsd.Date,
        TemporalKind.Time => Xsd.Time,
        _ => Xsd.DateTime,
    };

    public Literal ToLiteral() => Literal.Typed(ToString(), Datatype);

    /// <summary>The lexical form: fields zero-padded, fractional seconds without trailing zeros, "Z" for UTC.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(32);
        if (Kind != TemporalKind.Time)
        {
            if (Year < 0) sb.Append('-');
            sb.Append(Math.Abs(Year).ToString("0000", CultureInfo.InvariantCulture)).Append('-')
              .Append(Month.ToString("00", CultureInfo.InvariantCulture)).Append('-')
              .Append(Day.ToString("00", CultureInfo.InvariantCulture));
            if (Kind == TemporalKind.DateTime) sb.Append('T');
        }
        if (Kind != TemporalKind.Date)
        {
            sb.Append(Hour.ToString("00", CultureInfo.InvariantCulture)).Append(':')
              .Append(Minute.ToString("00", CultureInfo.InvariantCulture)).Append(':');
            AppendSeconds(sb, Second);
        }
        if (TimezoneMinutes is int tz) sb.Append(FormatTimezone(tz));
        return sb.ToString();
    }

    internal static void AppendSeconds(StringBuilder sb, decimal second)
    {
        var whole = decimal.Truncate(second);
        sb.Append(((int)whole).ToString("00", CultureInfo.InvariantCulture));
        var fraction = second - whole;
        if (fraction != 0)
        {
            var f = fraction.ToString(CultureInfo.InvariantCulture); // "0.xxx"
            sb.Append(f.AsSpan(1).TrimEnd('0'));
        }
    }

    public static string FormatTimezone(int minutes)
    {
        if (minutes == 0) return "Z";
        int abs = Math.Abs(minutes);
        return (minutes < 0 ? "-" : "+") + (abs / 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (abs % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The instant as an xsd:dateTime in UTC or with its offset, for NOW().</summary>
    public static XsdDateTime FromDateTimeOffset(DateTimeOffset instant)
    {
        decimal second = instant.Second + (instant.Ticks % TimeSpan.TicksPerSecond) / (decimal)TimeSpan.TicksPerSecond;
        return new XsdDateTime(TemporalKind.DateTime, instant.Year, instant.Month, instant.Day, instant.Hour, instant.Minute,
            second, (int)instant.Offset.TotalMinutes);
    }
}
