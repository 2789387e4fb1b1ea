using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The functions on dates and times (SPARQL 1.1 section 17.4.5). They take xsd:dateTime as the
/// specification says, and also xsd:date for the date parts and xsd:time for the time parts, as
/// the XPath functions they are defined by do.
/// </summary>
internal static class DateTimeFunctions
{
    public static Term Now(ReadOnlySpan<Term> args, FunctionContext context) => context.NowLiteral;

    public static Term Year(ReadOnlySpan<Term> args, FunctionContext context) => Integer(Require(args[0], allowDate: true, allowTime: false).Year);

    public static Term Month(ReadOnlySpan<Term> args, FunctionContext context) => Integer(Require(args[0], true, false).Month);

    public static Term Day(ReadOnlySpan<Term> args, FunctionContext context) => Integer(Require(args[0], true, false).Day);

    public static Term Hours(ReadOnlySpan<Term> args, FunctionContext context) => Integer(Require(args[0], false, true).Hour);

    public static Term Minutes(ReadOnlySpan<Term> args, FunctionContext context) => Integer(Require(args[0], false, true).Minute);

    public static Term Seconds(ReadOnlySpan<Term> args, FunctionContext context) => Numeric.FromDecimal(Require(args[0], false, true).Second).ToLiteral();

    /// <summary>The timezone as an xsd:dayTimeDuration; an error when the value has none.</summary>
    public static Term Timezone(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var value = Require(args[0], true, true);
        return value.TimezoneMinutes is int tz ? XsdDuration.DayTime(tz * 60m).ToLiteral() : ExpressionErrorException.Throw<Term>();
    }

    /// <summary>The timezone as written ("Z", "-05:00"), or "" when the value has none.</summary>
    public static Term Tz(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var value = Require(args[0], true, true);
        var lexical = ((Literal)args[0]).Value;
        if (!value.HasTimezone) return Literal.Simple("");
        return Literal.Simple(lexical.EndsWith('Z') ? "Z" : lexical[^6..]);
    }

    private static Literal Integer(long value) => Numeric.FromInteger(value).ToLiteral();

    private static XsdDateTime Require(Term term, bool allowDate, bool allowTime)
    {
        if (term is Literal l && XsdDateTime.TryParse(l, out var value)
            && (value.Kind == TemporalKind.DateTime || (allowDate && value.Kind == TemporalKind.Date) || (allowTime && value.Kind == TemporalKind.Time)))
            return value;
        return ExpressionErrorException.Throw<XsdDateTime>();
    }
}
