namespace TripleStore.Sparql.Expressions;

/// <summary>The XSD date/time types a <see cref="XsdDateTime"/> can hold; values of different kinds do not compare.</summary>
public enum TemporalKind : byte
{
    DateTime,
    Date,
    Time,
}
