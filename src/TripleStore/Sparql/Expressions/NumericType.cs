namespace TripleStore.Sparql.Expressions;

/// <summary>The primitive numeric types, in XPath promotion order: an operation runs in the larger type.</summary>
public enum NumericType : byte
{
    Integer = 0,
    Decimal = 1,
    Float = 2,
    Double = 3,
}
