using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>The datatypes the operators interpret, found by reference (see <see cref="DatatypeKinds"/>).</summary>
internal enum DatatypeKind : byte
{
    Unknown,
    String,
    LangString,
    Boolean,
    Integer,
    Decimal,
    Float,
    Double,
    DerivedInteger,
    DateTime,
    DateTimeStamp,
    Date,
    Time,
    Duration,
    DayTimeDuration,
    YearMonthDuration,
}

/// <summary>
/// Finds a literal's <see cref="DatatypeKind"/> with one reference-hash lookup. Every literal is built
/// through <see cref="Literal"/>'s factories, which intern well-known datatypes, so a known datatype is
/// always the shared <see cref="Iri"/> instance and comparing references is exact and cheap.
/// </summary>
internal static class DatatypeKinds
{
    private static readonly Dictionary<Iri, DatatypeKind> ByInstance = new(ReferenceEqualityComparer.Instance)
    {
        [Xsd.String] = DatatypeKind.String,
        [RdfVocabulary.LangString] = DatatypeKind.LangString,
        [Xsd.Boolean] = DatatypeKind.Boolean,
        [Xsd.Integer] = DatatypeKind.Integer,
        [Xsd.Decimal] = DatatypeKind.Decimal,
        [Xsd.Float] = DatatypeKind.Float,
        [Xsd.Double] = DatatypeKind.Double,
        [Xsd.Long] = DatatypeKind.DerivedInteger,
        [Xsd.Int] = DatatypeKind.DerivedInteger,
        [Xsd.Short] = DatatypeKind.DerivedInteger,
        [Xsd.Byte] = DatatypeKind.DerivedInteger,
        [Xsd.NonNegativeInteger] = DatatypeKind.DerivedInteger,
        [Xsd.NonPositiveInteger] = DatatypeKind.DerivedInteger,
        [Xsd.NegativeInteger] = DatatypeKind.DerivedInteger,
        [Xsd.PositiveInteger] = DatatypeKind.DerivedInteger,
        [Xsd.UnsignedLong] = DatatypeKind.DerivedInteger,
        [Xsd.UnsignedInt] = DatatypeKind.DerivedInteger,
        [Xsd.UnsignedShort] = DatatypeKind.DerivedInteger,
        [Xsd.UnsignedByte] = DatatypeKind.DerivedInteger,
        [Xsd.DateTime] = DatatypeKind.DateTime,
        [Xsd.DateTimeStamp] = DatatypeKind.DateTimeStamp,
        [Xsd.Date] = DatatypeKind.Date,
        [Xsd.Time] = DatatypeKind.Time,
        [Xsd.Duration] = DatatypeKind.Duration,
        [Xsd.DayTimeDuration] = DatatypeKind.DayTimeDuration,
        [Xsd.YearMonthDuration] = DatatypeKind.YearMonthDuration,
    };

    public static DatatypeKind Of(Literal literal) =>
        ByInstance.TryGetValue(literal.Datatype, out var kind) ? kind : DatatypeKind.Unknown;

    public static bool IsNumeric(DatatypeKind kind) => kind is >= DatatypeKind.Integer and <= DatatypeKind.DerivedInteger;
}
