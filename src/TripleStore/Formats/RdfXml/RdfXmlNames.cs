using System.Xml;
using TripleStore.Rdf;

namespace TripleStore.Formats.RdfXml;

/// <summary>
/// The names RDF/XML gives a meaning to, and which of them may appear where
/// (RDF 1.1 XML Syntax, section 7.2.2 to 7.2.5).
/// </summary>
internal static class RdfXmlNames
{
    public const string RdfNamespace = RdfVocabulary.Namespace;
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    public const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public const string RdfRoot = RdfNamespace + "RDF";
    public const string Description = RdfNamespace + "Description";
    public const string Id = RdfNamespace + "ID";
    public const string About = RdfNamespace + "about";
    public const string ParseType = RdfNamespace + "parseType";
    public const string Resource = RdfNamespace + "resource";
    public const string NodeId = RdfNamespace + "nodeID";
    public const string Datatype = RdfNamespace + "datatype";
    public const string Li = RdfNamespace + "li";
    public const string RdfType = RdfNamespace + "type";
    public const string AboutEach = RdfNamespace + "aboutEach";
    public const string AboutEachPrefix = RdfNamespace + "aboutEachPrefix";
    public const string BagId = RdfNamespace + "bagID";

    public static readonly Iri XmlLiteral = RdfVocabulary.XmlLiteral;

    private static readonly Iri[] MemberCache = Enumerable.Range(1, 64).Select(i => new Iri(RdfNamespace + "_" + i)).ToArray();

    /// <summary>rdf:ID, rdf:about, rdf:parseType, rdf:resource, rdf:nodeID, rdf:datatype and rdf:RDF.</summary>
    public static bool IsCoreSyntaxTerm(string uri) =>
        uri is RdfRoot or Id or About or ParseType or Resource or NodeId or Datatype;

    /// <summary>rdf:aboutEach, rdf:aboutEachPrefix and rdf:bagID, which RDF 1.0 removed.</summary>
    public static bool IsOldTerm(string uri) => uri is AboutEach or AboutEachPrefix or BagId;

    /// <summary>Why <paramref name="uri"/> may not name a node element, or null when it may.</summary>
    public static string? NodeElementProblem(string uri)
    {
        if (!uri.StartsWith(RdfNamespace, StringComparison.Ordinal)) return null;
        if (IsCoreSyntaxTerm(uri) || uri == Li) return $"{Short(uri)} cannot be used as a node element";
        if (IsOldTerm(uri)) return $"{Short(uri)} was removed from RDF and cannot be used";
        return null;
    }

    /// <summary>Why <paramref name="uri"/> may not name a property element, or null when it may.</summary>
    public static string? PropertyElementProblem(string uri)
    {
        if (!uri.StartsWith(RdfNamespace, StringComparison.Ordinal)) return null;
        if (IsCoreSyntaxTerm(uri) || uri == Description) return $"{Short(uri)} cannot be used as a property element";
        if (IsOldTerm(uri)) return $"{Short(uri)} was removed from RDF and cannot be used";
        return null;
    }

    /// <summary>Why <paramref name="uri"/> may not be a property attribute, or null when it may.</summary>
    public static string? PropertyAttributeProblem(string uri)
    {
        if (!uri.StartsWith(RdfNamespace, StringComparison.Ordinal)) return null;
        if (IsOldTerm(uri)) return $"{Short(uri)} was removed from RDF and cannot be used";
        if (IsCoreSyntaxTerm(uri) || uri is Description or Li) return $"{Short(uri)} cannot be used as an attribute here";
        return null;
    }

    /// <summary>rdf:_n, shared for small n since containers rarely hold more.</summary>
    public static Iri Member(int n) => n <= MemberCache.Length ? MemberCache[n - 1] : new Iri(RdfNamespace + "_" + n);

    /// <summary>True when <paramref name="value"/> is an NCName (a name without colons), as rdf:ID and rdf:nodeID require.</summary>
    public static bool IsNCName(string value)
    {
        if (value.Length == 0) return false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            // XML 1.0 (5th edition) allows the supplementary planes up to U+EFFFF in names.
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (char.ConvertToUtf32(c, value[++i]) > 0xEFFFF) return false;
                continue;
            }
            if (!(i == 0 ? XmlConvert.IsStartNCNameChar(c) : XmlConvert.IsNCNameChar(c))) return false;
        }
        return true;
    }

    /// <summary>The rdf: name in the prefixed form people write, for messages.</summary>
    public static string Short(string uri) =>
        uri.StartsWith(RdfNamespace, StringComparison.Ordinal) ? "rdf:" + uri[RdfNamespace.Length..] : "<" + uri + ">";
}
