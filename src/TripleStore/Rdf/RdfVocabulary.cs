namespace TripleStore.Rdf;

/// <summary>The rdf: vocabulary terms the engine refers to.</summary>
public static class RdfVocabulary
{
    public const string Namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string LangStringIri = Namespace + "langString";

    public static readonly Iri LangString = new(LangStringIri);
    public static readonly Iri Type = new(Namespace + "type");
    public static readonly Iri First = new(Namespace + "first");
    public static readonly Iri Rest = new(Namespace + "rest");
    public static readonly Iri Nil = new(Namespace + "nil");
    public static readonly Iri Subject = new(Namespace + "subject");
    public static readonly Iri Predicate = new(Namespace + "predicate");
    public static readonly Iri Object = new(Namespace + "object");
    public static readonly Iri Statement = new(Namespace + "Statement");
    public static readonly Iri XmlLiteral = new(Namespace + "XMLLiteral");
    public static readonly Iri Property = new(Namespace + "Property");
}
