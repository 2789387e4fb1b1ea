using System.Globalization;
using System.Numerics;
using TripleStore.Rdf;

namespace TripleStore.PowerShell.Queries;

/// <summary>
/// Between engine terms and what a script sees: native .NET values for literals of well-known
/// datatypes, [uri] for IRIs, "_:label" for blank nodes; and back, for -Parameters.
/// </summary>
internal static class TermConversion
{
    private const string Xs = Xsd.Namespace;

    private static readonly HashSet<string> IntegerTypes = new(StringComparer.Ordinal)
    {
        Xs + "integer", Xs + "long", Xs + "int", Xs + "short", Xs + "byte",
        Xs + "nonNegativeInteger", Xs + "nonPositiveInteger", Xs + "negativeInteger", Xs + "positiveInteger",
        Xs + "unsignedLong", Xs + "unsignedInt", Xs + "unsignedShort", Xs + "unsignedByte",
    };

    /// <summary>The value a script gets for a solution's binding; literals of other datatypes (or ill-typed ones) stay terms.</summary>
    public static object? ToNative(Term? term) => term switch
    {
        null => null,
        Iri iri => Uri.TryCreate(iri.Value, UriKind.Absolute, out var uri) ? uri : iri.Value,
        BlankNode blank => "_:" + blank.Id,
        Literal literal => LiteralValue(literal) ?? ToTermObject(literal),
        _ => ToTermObject(term),
    };

    private static object? LiteralValue(Literal literal)
    {
        if (literal.Language is not null) return literal.Value;
        var type = literal.Datatype.Value;
        var text = literal.Value.Trim();
        if (type == Xsd.StringIri) return literal.Value;
        if (IntegerTypes.Contains(type))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small)) return small;
            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)) return big;
            return null;
        }
        if (type == Xs + "decimal")
            return text.Contains('e') || text.Contains('E') ? null
                : decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
        if (type == Xs + "double" || type == Xs + "float")
            return text switch
            {
                "INF" or "+INF" => double.PositiveInfinity,
                "-INF" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null,
            };
        if (type == Xs + "boolean")
            return text switch { "true" or "1" => true, "false" or "0" => false, _ => null };
        if (type == Xs + "dateTime" || type == Xs + "dateTimeStamp")
            // A dateTime without a time zone is read as UTC, the same choice -Parameters makes in reverse.
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt) ? dt : null;
        return null;
    }

    public static RdfTermObject ToTermObject(Term term) => term switch
    {
        Iri iri => new RdfTermObject("Iri", iri.Value, null, null, iri.ToString()),
        BlankNode blank => new RdfTermObject("BlankNode", blank.Id, null, null, blank.ToString()),
        Literal literal => new RdfTermObject("Literal", literal.Value, literal.Datatype.Value, literal.Language, literal.ToString()),
        _ => new RdfTermObject(term.Kind.ToString(), term.ToString(), null, null, term.ToString()),
    };

    public static RdfTripleObject ToTripleObject(Triple triple) =>
        new(ToTermObject(triple.Subject), ToTermObject(triple.Predicate), ToTermObject(triple.Object));

    public static RdfTripleObject ToTripleObject(Quad quad) =>
        new(ToTermObject(quad.Subject), ToTermObject(quad.Predicate), ToTermObject(quad.Object), quad.Graph is null ? null : ToTermObject(quad.Graph));

    /// <summary>
    /// The RDF term for a -Parameters value. Throws <see cref="ArgumentException"/> for a type with no
    /// natural RDF form, so that nothing is ever turned into query text.
    /// </summary>
    public static Term FromValue(object? value, string name)
    {
        switch (value)
        {
            case null:
                throw new ArgumentException($"Parameter '{name}' is null; a bound variable needs a value (leave it out to keep the variable free).");
            case string s: return Literal.Simple(s);
            case char c: return Literal.Simple(c.ToString());
            case bool b: return Literal.Typed(b ? "true" : "false", Xsd.Boolean);
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                return Literal.Typed(Convert.ToString(value, CultureInfo.InvariantCulture)!, Xsd.Integer);
            case BigInteger big: return Literal.Typed(big.ToString(CultureInfo.InvariantCulture), Xsd.Integer);
            case decimal m: return Literal.Typed(m.ToString(CultureInfo.InvariantCulture), Xsd.Decimal);
            case float f: return Literal.Typed(DoubleLexical(f), Xsd.Double);
            case double d: return Literal.Typed(DoubleLexical(d), Xsd.Double);
            case DateTime dt:
                // PowerShell's [datetime]'2024-01-01' has no kind; it is taken as UTC so it compares with zoned data.
                var utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc);
                return Literal.Typed(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z", Xsd.DateTime);
            case DateTimeOffset dto:
                return Literal.Typed(dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture), Xsd.DateTime);
            case Uri uri:
                if (!uri.IsAbsoluteUri)
                    throw new ArgumentException($"Parameter '{name}' is the relative URI '{uri}'; an IRI must be absolute.");
                return Iri.Parse(uri.OriginalString);
            case RdfTermObject term:
                return term.Kind switch
                {
                    "Iri" => Iri.Parse(term.Value),
                    "BlankNode" => new BlankNode(term.Value),
                    _ when term.Language is not null => Literal.LangString(term.Value, term.Language),
                    _ => Literal.Typed(term.Value, new Iri(term.Datatype ?? Xsd.StringIri)),
                };
            default:
                throw new ArgumentException($"Parameter '{name}' has type {value.GetType().FullName}, which has no RDF form; pass a string, number, bool, [datetime], [datetimeoffset] or an absolute [uri].");
        }
    }

    private static string DoubleLexical(double d) =>
        double.IsPositiveInfinity(d) ? "INF" : double.IsNegativeInfinity(d) ? "-INF" : double.IsNaN(d) ? "NaN"
        : d.ToString("R", CultureInfo.InvariantCulture);
}
