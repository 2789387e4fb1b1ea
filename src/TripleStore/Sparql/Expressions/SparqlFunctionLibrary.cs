namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The built-in functions of SPARQL 1.1 section 17.4 by keyword (upper case, e.g. "STRLEN"), and the
/// XSD casts of section 17.5 by datatype IRI. Special forms that need unevaluated arguments or the
/// solution (BOUND, IF, COALESCE, IN, EXISTS, BNODE, logical operators) are the evaluator's, not here.
/// </summary>
public static class SparqlFunctionLibrary
{
    /// <summary>Marks a function that takes any number of arguments from its minimum on.</summary>
    public const int Unbounded = int.MaxValue;

    private readonly record struct Entry(SparqlFunction Function, int Min, int Max);

    private static readonly Dictionary<string, Entry> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STRLEN"] = new(StringFunctions.StrLen, 1, 1),
        ["SUBSTR"] = new(StringFunctions.SubStr, 2, 3),
        ["UCASE"] = new(StringFunctions.UCase, 1, 1),
        ["LCASE"] = new(StringFunctions.LCase, 1, 1),
        ["STRSTARTS"] = new(StringFunctions.StrStarts, 2, 2),
        ["STRENDS"] = new(StringFunctions.StrEnds, 2, 2),
        ["CONTAINS"] = new(StringFunctions.Contains, 2, 2),
        ["STRBEFORE"] = new(StringFunctions.StrBefore, 2, 2),
        ["STRAFTER"] = new(StringFunctions.StrAfter, 2, 2),
        ["ENCODE_FOR_URI"] = new(StringFunctions.EncodeForUri, 1, 1),
        ["CONCAT"] = new(StringFunctions.Concat, 0, Unbounded),
        ["LANGMATCHES"] = new(StringFunctions.LangMatches, 2, 2),
        ["REGEX"] = new(StringFunctions.Regex, 2, 3),
        ["REPLACE"] = new(StringFunctions.Replace, 3, 4),
        ["STR"] = new(TermFunctions.Str, 1, 1),
        ["LANG"] = new(TermFunctions.Lang, 1, 1),
        ["DATATYPE"] = new(TermFunctions.Datatype, 1, 1),
        ["IRI"] = new(TermFunctions.Iri, 1, 1),
        ["URI"] = new(TermFunctions.Iri, 1, 1),
        ["STRDT"] = new(TermFunctions.StrDt, 2, 2),
        ["STRLANG"] = new(TermFunctions.StrLang, 2, 2),
        ["ISIRI"] = new(TermFunctions.IsIri, 1, 1),
        ["ISURI"] = new(TermFunctions.IsIri, 1, 1),
        ["ISBLANK"] = new(TermFunctions.IsBlank, 1, 1),
        ["ISLITERAL"] = new(TermFunctions.IsLiteral, 1, 1),
        ["ISNUMERIC"] = new(TermFunctions.IsNumeric, 1, 1),
        ["SAMETERM"] = new(TermFunctions.SameTerm, 2, 2),
        ["UUID"] = new(TermFunctions.Uuid, 0, 0),
        ["STRUUID"] = new(TermFunctions.StrUuid, 0, 0),
        ["ABS"] = new(NumericFunctions.Abs, 1, 1),
        ["ROUND"] = new(NumericFunctions.Round, 1, 1),
        ["CEIL"] = new(NumericFunctions.Ceil, 1, 1),
        ["FLOOR"] = new(NumericFunctions.Floor, 1, 1),
        ["RAND"] = new(NumericFunctions.Rand, 0, 0),
        ["NOW"] = new(DateTimeFunctions.Now, 0, 0),
        ["YEAR"] = new(DateTimeFunctions.Year, 1, 1),
        ["MONTH"] = new(DateTimeFunctions.Month, 1, 1),
        ["DAY"] = new(DateTimeFunctions.Day, 1, 1),
        ["HOURS"] = new(DateTimeFunctions.Hours, 1, 1),
        ["MINUTES"] = new(DateTimeFunctions.Minutes, 1, 1),
        ["SECONDS"] = new(DateTimeFunctions.Seconds, 1, 1),
        ["TIMEZONE"] = new(DateTimeFunctions.Timezone, 1, 1),
        ["TZ"] = new(DateTimeFunctions.Tz, 1, 1),
        ["MD5"] = new(HashFunctions.Md5, 1, 1),
        ["SHA1"] = new(HashFunctions.Sha1, 1, 1),
        ["SHA256"] = new(HashFunctions.Sha256, 1, 1),
        ["SHA384"] = new(HashFunctions.Sha384, 1, 1),
        ["SHA512"] = new(HashFunctions.Sha512, 1, 1),
    };

    // Function IRIs are case-sensitive, unlike keywords.
    private static readonly Dictionary<string, Entry> Iris =
        XsdCasts.Targets.ToDictionary(iri => iri, iri => new Entry(XsdCasts.For(iri), 1, 1), StringComparer.Ordinal);

    /// <summary>Finds a function by keyword or by IRI (the casts, e.g. "http://www.w3.org/2001/XMLSchema#integer").</summary>
    public static bool TryGet(string name, out SparqlFunction function)
    {
        if (Lookup(name) is { } entry)
        {
            function = entry.Function;
            return true;
        }
        function = null!;
        return false;
    }

    public static bool IsKnown(string name) => Lookup(name) is not null;

    /// <summary>
    /// The number of arguments a function takes, for the parser to check: <see cref="Unbounded"/> as the
    /// maximum for CONCAT. Throws <see cref="KeyNotFoundException"/> for an unknown name.
    /// </summary>
    public static (int Min, int Max) Arity(string name) =>
        Lookup(name) is { } entry ? (entry.Min, entry.Max) : throw new KeyNotFoundException($"'{name}' is not a SPARQL built-in function or cast.");

    /// <summary>The keywords of the built-in functions, for completion and documentation.</summary>
    public static IEnumerable<string> KeywordNames => Keywords.Keys;

    /// <summary>The datatype IRIs that have a cast function.</summary>
    public static IEnumerable<string> CastIris => Iris.Keys;

    private static Entry? Lookup(string name) =>
        Keywords.TryGetValue(name, out var e) || Iris.TryGetValue(name, out e) ? e : null;
}
