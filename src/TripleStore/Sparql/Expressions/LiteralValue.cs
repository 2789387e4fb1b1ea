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
        var dt = literal.Datatype.Value;
        switch (dt)
        {
            case XsdNames.String: return new(ValueCategory.String);
            case XsdNames.LangString: return new(ValueCategory.LangString);
            case XsdNames.Boolean:
                return XsdLexical.TryParseBoolean(literal.Value, out var b) ? new(ValueCategory.Boolean, boolean: b) : new(ValueCategory.IllTyped);
        }
        if (Numeric.IsNumericDatatype(dt))
            return Numeric.TryParse(literal, out var n) ? new(ValueCategory.Numeric, number: n) : new(ValueCategory.IllTyped);
        if (XsdDateTime.IsTemporalDatatype(dt))
            return XsdDateTime.TryParse(literal, out var t) ? new(ValueCategory.Temporal, temporal: t) : new(ValueCategory.IllTyped);
        if (XsdDuration.IsDurationDatatype(dt))
            return XsdDuration.TryParse(literal, out var d) ? new(ValueCategory.Duration, duration: d) : new(ValueCategory.IllTyped);
        return new(ValueCategory.Unknown);
    }
}
