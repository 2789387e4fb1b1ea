using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>Datatype IRIs as constants, so value classification can switch on them.</summary>
internal static class XsdNames
{
    public const string String = Xsd.Namespace + "string";
    public const string Boolean = Xsd.Namespace + "boolean";
    public const string Integer = Xsd.Namespace + "integer";
    public const string Decimal = Xsd.Namespace + "decimal";
    public const string Float = Xsd.Namespace + "float";
    public const string Double = Xsd.Namespace + "double";
    public const string Long = Xsd.Namespace + "long";
    public const string Int = Xsd.Namespace + "int";
    public const string Short = Xsd.Namespace + "short";
    public const string Byte = Xsd.Namespace + "byte";
    public const string NonNegativeInteger = Xsd.Namespace + "nonNegativeInteger";
    public const string NonPositiveInteger = Xsd.Namespace + "nonPositiveInteger";
    public const string NegativeInteger = Xsd.Namespace + "negativeInteger";
    public const string PositiveInteger = Xsd.Namespace + "positiveInteger";
    public const string UnsignedLong = Xsd.Namespace + "unsignedLong";
    public const string UnsignedInt = Xsd.Namespace + "unsignedInt";
    public const string UnsignedShort = Xsd.Namespace + "unsignedShort";
    public const string UnsignedByte = Xsd.Namespace + "unsignedByte";
    public const string DateTime = Xsd.Namespace + "dateTime";
    public const string DateTimeStamp = Xsd.Namespace + "dateTimeStamp";
    public const string Date = Xsd.Namespace + "date";
    public const string Time = Xsd.Namespace + "time";
    public const string Duration = Xsd.Namespace + "duration";
    public const string DayTimeDuration = Xsd.Namespace + "dayTimeDuration";
    public const string YearMonthDuration = Xsd.Namespace + "yearMonthDuration";
    public const string LangString = RdfVocabulary.LangStringIri;

    public static bool IsDerivedInteger(string datatype) => datatype switch
    {
        Long or Int or Short or Byte or NonNegativeInteger or NonPositiveInteger or NegativeInteger
            or PositiveInteger or UnsignedLong or UnsignedInt or UnsignedShort or UnsignedByte => true,
        _ => false,
    };
}
