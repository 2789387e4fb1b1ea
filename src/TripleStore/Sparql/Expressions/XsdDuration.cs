using System.Globalization;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// A value of xsd:duration, xsd:dayTimeDuration or xsd:yearMonthDuration: a signed number of months
/// and a signed number of seconds (both carry the same sign).
/// </summary>
public readonly struct XsdDuration
{
    public XsdDuration(long months, decimal seconds, Iri datatype)
    {
        Months = months;
        Seconds = seconds;
        Datatype = datatype;
    }

    public long Months { get; }
    public decimal Seconds { get; }
    public Iri Datatype { get; }

    public static bool IsDurationDatatype(string datatype) =>
        datatype is XsdNames.Duration or XsdNames.DayTimeDuration or XsdNames.YearMonthDuration;

    public static XsdDuration DayTime(decimal seconds) => new(0, seconds, Xsd.DayTimeDuration);

    public static bool TryParse(Literal literal, out XsdDuration value)
    {
        value = default;
        var dt = literal.Datatype.Value;
        if (!IsDurationDatatype(dt) || !TryParse(literal.Value, out long months, out decimal seconds, out bool hasYearMonth, out bool hasDayTime))
            return false;
        if (dt == XsdNames.DayTimeDuration && hasYearMonth) return false;
        if (dt == XsdNames.YearMonthDuration && hasDayTime) return false;
        value = new XsdDuration(months, seconds, Xsd.Intern(dt));
        return true;
    }

    private static bool TryParse(string text, out long months, out decimal seconds, out bool hasYearMonth, out bool hasDayTime)
    {
        months = 0;
        seconds = 0;
        hasYearMonth = hasDayTime = false;
        var s = text.AsSpan();
        int pos = 0;
        bool negative = false;
        if (pos < s.Length && s[pos] == '-') { negative = true; pos++; }
        if (pos >= s.Length || s[pos] != 'P') return false;
        pos++;
        // Designators must appear in this order, each at most once.
        const string order = "YMDTHMS";
        int next = 0;
        bool inTime = false, any = false, anyAfterT = false;
        try
        {
            while (pos < s.Length)
            {
                if (s[pos] == 'T')
                {
                    if (inTime) return false;
                    inTime = true;
                    next = 4;
                    pos++;
                    continue;
                }
                int start = pos;
                while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] == '.')) pos++;
                if (pos == start || pos >= s.Length) return false;
                var number = s[start..pos];
                char designator = s[pos++];
                int index = order.IndexOf(designator, inTime ? 4 : 0);
                if (index < 0 || index < next || (!inTime && index > 2)) return false;
                next = index + 1;
                bool fractional = number.Contains('.');
                if (fractional && designator != 'S') return false;
                if (fractional ? !XsdLexical.IsDecimal(number) || number[^1] == '.' : !XsdLexical.IsInteger(number)) return false;
                decimal n = decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                switch (index)
                {
                    case 0: months += checked((long)n * 12); hasYearMonth = true; break;
                    case 1: months += (long)n; hasYearMonth = true; break;
                    case 2: seconds += n * 86400; hasDayTime = true; break;
                    case 4: seconds += n * 3600; hasDayTime = true; break;
                    case 5: seconds += n * 60; hasDayTime = true; break;
                    case 6: seconds += n; hasDayTime = true; break;
                }
                any = true;
                if (inTime) anyAfterT = true;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        if (!any || (inTime && !anyAfterT)) return false;
        if (negative) { months = -months; seconds = -seconds; }
        return true;
    }

    /// <summary>
    /// Compares by value. Durations with both months and seconds are only partially ordered, so two
    /// values compare when one part is zero in both or the parts agree; otherwise null (indeterminate).
    /// </summary>
    public static int? Compare(XsdDuration a, XsdDuration b)
    {
        if (a.Months == b.Months) return a.Seconds.CompareTo(b.Seconds);
        if (a.Seconds == b.Seconds) return a.Months.CompareTo(b.Months);
        // A month is 28 to 31 days; decide only when that range cannot change the outcome.
        decimal minA = a.Months * 28m * 86400 + a.Seconds, maxA = a.Months * 31m * 86400 + a.Seconds;
        decimal minB = b.Months * 28m * 86400 + b.Seconds, maxB = b.Months * 31m * 86400 + b.Seconds;
        if (Math.Max(minA, maxA) < Math.Min(minB, maxB)) return -1;
        if (Math.Min(minA, maxA) > Math.Max(minB, maxB)) return 1;
        return null;
    }

    public Literal ToLiteral() => Literal.Typed(ToString(), Datatype);

    /// <summary>The canonical lexical form, e.g. "P1Y2M", "-PT5H30M", "PT0S".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Months < 0 || Seconds < 0) sb.Append('-');
        sb.Append('P');
        long months = Math.Abs(Months);
        decimal seconds = Math.Abs(Seconds);
        if (months / 12 != 0) sb.Append(months / 12).Append('Y');
        if (months % 12 != 0) sb.Append(months % 12).Append('M');
        long days = (long)decimal.Truncate(seconds / 86400);
        seconds -= days * 86400m;
        long hours = (long)decimal.Truncate(seconds / 3600);
        seconds -= hours * 3600m;
        long minutes = (long)decimal.Truncate(seconds / 60);
        seconds -= minutes * 60m;
        if (days != 0) sb.Append(days).Append('D');
        if (hours != 0 || minutes != 0 || seconds != 0)
        {
            sb.Append('T');
            if (hours != 0) sb.Append(hours).Append('H');
            if (minutes != 0) sb.Append(minutes).Append('M');
            if (seconds != 0) sb.Append(TrimSeconds(seconds)).Append('S');
        }
        if (months == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0)
            sb.Append(Datatype.Value == XsdNames.YearMonthDuration ? "0M" : "T0S");
        return sb.ToString();
    }

    private static string TrimSeconds(decimal seconds)
    {
        var s = XsdLexical.FormatDecimal(seconds);
        return s.EndsWith(".0", StringComparison.Ordinal) ? s[..^2] : s;
    }
}
