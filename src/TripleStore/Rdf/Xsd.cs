namespace TripleStore.Rdf;

/// <summary>XML Schema datatype IRIs. Well-known instances are shared so comparisons are usually by reference.</summary>
public static class Xsd
{
    public const string Namespace = "http://www.w3.org/2001/XMLSchema#";
    public const string StringIri = Namespace + "string";

    public static readonly Iri String = new(StringIri);
    public static readonly Iri Boolean = new(Namespace + "boolean");
    public static readonly Iri Integer = new(Namespace + "integer");
    public static readonly Iri Decimal = new(Namespace + "decimal");
    public static readonly Iri Double = new(Namespace + "double");
    public static readonly Iri Float = new(Namespace + "float");
    public static readonly Iri Long = new(Namespace + "long");
    public static readonly Iri Int = new(Namespace + "int");
    public static readonly Iri Short = new(Namespace + "short");
    public static readonly Iri Byte = new(Namespace + "byte");
    public static readonly Iri NonNegativeInteger = new(Namespace + "nonNegativeInteger");
    public static readonly Iri NonPositiveInteger = new(Namespace + "nonPositiveInteger");
    public static readonly Iri NegativeInteger = new(Namespace + "negativeInteger");
    public static readonly Iri PositiveInteger = new(Namespace + "positiveInteger");
    public static readonly Iri UnsignedLong = new(Namespace + "unsignedLong");
    public static readonly Iri UnsignedInt = new(Namespace + "unsignedInt");
    public static readonly Iri UnsignedShort = new(Namespace + "unsignedShort");
    public static readonly Iri UnsignedByte = new(Namespace + "unsignedByte");
    public static readonly Iri DateTime = new(Namespace + "dateTime");
    public static readonly Iri DateTimeStamp = new(Namespace + "dateTimeStamp");
    public static readonly Iri Date = new(Namespace + "date");
    public static readonly Iri Time = new(Namespace + "time");
    public static readonly Iri Duration = new(Namespace + "duration");
    public static readonly Iri DayTimeDuration = new(Namespace + "dayTimeDuration");
    public static readonly Iri YearMonthDuration = new(Namespace + "yearMonthDuration");
    public static readonly Iri GYear = new(Namespace + "gYear");
    public static readonly Iri AnyUri = new(Namespace + "anyURI");

    private static readonly Dictionary<string, Iri> Known = new[]
    {
        String, Boolean, Integer, Decimal, Double, Float, Long, Int, Short, Byte, NonNegativeInteger,
        NonPositiveInteger, NegativeInteger, PositiveInteger, UnsignedLong, UnsignedInt, UnsignedShort,
        UnsignedByte, DateTime, DateTimeStamp, Date, Time, Duration, DayTimeDuration, YearMonthDuration, GYear, AnyUri,
        RdfVocabulary.LangString,
    }.ToDictionary(i => i.Value, StringComparer.Ordinal);

    /// <summary>Returns the shared instance for a well-known datatype, so literals don't each hold a copy.</summary>
    public static Iri Intern(Iri datatype) => Known.TryGetValue(datatype.Value, out var known) ? known : datatype;

    public static Iri Intern(string datatype) => Known.TryGetValue(datatype, out var known) ? known : new Iri(datatype);
}
