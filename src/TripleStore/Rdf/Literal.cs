namespace TripleStore.Rdf;

/// <summary>
/// An RDF 1.1 literal: a lexical form with a datatype IRI, and a language tag for rdf:langString.
/// Simple literals are xsd:string. Language tags are normalized to lower case, because RDF 1.1 compares
/// them case-insensitively and a store must not keep two spellings of one literal.
/// </summary>
public sealed class Literal : Term
{
    private Literal(string value, Iri datatype, string? language)
    {
        Value = value;
        Datatype = datatype;
        Language = language;
    }

    /// <summary>The lexical form.</summary>
    public string Value { get; }

    public Iri Datatype { get; }

    /// <summary>The language tag, lower case, or null when the literal has none.</summary>
    public string? Language { get; }

    public override TermKind Kind => TermKind.Literal;

    public bool IsSimple => Language is null && Datatype.Value == Xsd.StringIri;

    public static Literal Simple(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), Xsd.String, null);

    public static Literal Typed(string value, Iri datatype)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(datatype);
        if (datatype.Value == RdfVocabulary.LangStringIri)
            throw new ArgumentException("rdf:langString literals need a language tag; use Literal.LangString.", nameof(datatype));
        return new Literal(value, Xsd.Intern(datatype), null);
    }

    public static Literal LangString(string value, string language)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(language);
        return new Literal(value, RdfVocabulary.LangString, language.ToLowerInvariant());
    }

    public override bool Equals(Term? other) =>
        other is Literal l
        && string.Equals(Value, l.Value, StringComparison.Ordinal)
        && string.Equals(Language, l.Language, StringComparison.Ordinal)
        && (ReferenceEquals(Datatype, l.Datatype) || Datatype.Equals(l.Datatype));

    public override int GetHashCode() => HashCode.Combine(Value, Datatype.Value, Language);

    private protected override int CompareSameKind(Term other)
    {
        var l = (Literal)other;
        int c = string.CompareOrdinal(Value, l.Value);
        if (c != 0) return c;
        c = string.CompareOrdinal(Datatype.Value, l.Datatype.Value);
        if (c != 0) return c;
        return string.CompareOrdinal(Language, l.Language);
    }

    public override string ToString()
    {
        var quoted = "\"" + NTriplesEscaping.EscapeString(Value) + "\"";
        if (Language is not null) return quoted + "@" + Language;
        if (Datatype.Value == Xsd.StringIri) return quoted;
        return quoted + "^^" + Datatype;
    }
}
