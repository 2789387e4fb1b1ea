using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>A literal read once: its category and, for the known value spaces, its value.</summary>
internal readonly struct LiteralValue
{
    private LiteralValue(ValueCategory category, Numeric number = default, bool boolean = false, XsdDateTime temporal = default, XsdDuration duration = default)
    {
        Category = category;
        Number = number;
        Boolean = boolean;
        Temporal = temporal;
        Duration = duration;
    }

    public ValueCategory Category { get; }
    public Numeric Number { get; }
    public bool Boolean { get; }
    public XsdDateTime Temporal { get; }
    public XsdDuration Duration { get; }

    public static LiteralValue Read(Literal literal)
    {
        switch (DatatypeKinds.Of(literal))
        {
            case DatatypeKind.Unknown: return new(ValueCategory.Unknown);
            case DatatypeKind.String: return new(ValueCategory.String);
            case DatatypeKind.LangString: return new(ValueCategory.LangString);
            case DatatypeKind.Boolean:
                return XsdLexical.TryParseBoolean(literal.Value, out var b) ? new(ValueCategory.Boolean, boolean: b) : new(ValueCategory.IllTyped);
            case DatatypeKind.Integer or DatatypeKind.Decimal or DatatypeKind.Float or DatatypeKind.Double or DatatypeKind.DerivedInteger:
                return Numeric.TryParse(literal, out var n) ? new(ValueCategory.Numeric, number: n) : new(ValueCategory.IllTyped);
            case DatatypeKind.DateTime or DatatypeKind.DateTimeStamp or DatatypeKind.Date or DatatypeKind.Time:
                return XsdDateTime.TryParse(literal, out var t) ? new(ValueCategory.Temporal, temporal: t) : new(ValueCategory.IllTyped);
            default:
                return XsdDuration.TryParse(literal, out var d) ? new(ValueCategory.Duration, duration: d) : new(ValueCategory.IllTyped);
        }
    }
}
