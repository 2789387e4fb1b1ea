using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>The functions on RDF terms (SPARQL 1.1 section 17.4.2).</summary>
internal static class TermFunctions
{
    public static Term IsIri(ReadOnlySpan<Term> args, FunctionContext context) => SparqlOperators.Boolean(args[0].IsIri);

    public static Term IsBlank(ReadOnlySpan<Term> args, FunctionContext context) => SparqlOperators.Boolean(args[0].IsBlankNode);

    public static Term IsLiteral(ReadOnlySpan<Term> args, FunctionContext context) => SparqlOperators.Boolean(args[0].IsLiteral);

    /// <summary>True for a literal of a numeric type with a valid lexical form ("12"^^xsd:byte, not "1200"^^xsd:byte).</summary>
    public static Term IsNumeric(ReadOnlySpan<Term> args, FunctionContext context) =>
        SparqlOperators.Boolean(args[0] is Literal l && Numeric.TryParse(l, out _));

    public static Term SameTerm(ReadOnlySpan<Term> args, FunctionContext context) => SparqlOperators.Boolean(args[0].Equals(args[1]));

    public static Term Str(ReadOnlySpan<Term> args, FunctionContext context) => args[0] switch
    {
        Literal { IsSimple: true } l => l,
        Literal l => Literal.Simple(l.Value),
        Iri i => Literal.Simple(i.Value),
        _ => ExpressionErrorException.Throw<Term>(),
    };

    public static Term Lang(ReadOnlySpan<Term> args, FunctionContext context) =>
        args[0] is Literal l ? Literal.Simple(l.Language ?? "") : ExpressionErrorException.Throw<Term>();

    public static Term Datatype(ReadOnlySpan<Term> args, FunctionContext context) =>
        args[0] is Literal l ? l.Datatype : ExpressionErrorException.Throw<Term>();

    /// <summary>IRI(): an IRI as is, or a simple string resolved against the query's base IRI.</summary>
    public static Term Iri(ReadOnlySpan<Term> args, FunctionContext context)
    {
        if (args[0] is Iri iri) return iri;
        var text = LiteralValues.RequireSimpleString(args[0]);
        string value = text;
        if (context.BaseIri is { } baseIri)
        {
            try { value = IriResolver.Resolve(baseIri, text); }
            catch (ArgumentException) { throw ExpressionErrorException.Instance; }
        }
        return IriSyntax.IsAbsoluteIri(value, out _) ? new Iri(value) : ExpressionErrorException.Throw<Term>();
    }

    public static Term StrDt(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var value = LiteralValues.RequireSimpleString(args[0]);
        if (args[1] is not Iri datatype || datatype.Value == RdfVocabulary.LangStringIri) return ExpressionErrorException.Throw<Term>();
        return Literal.Typed(value, datatype);
    }

    public static Term StrLang(ReadOnlySpan<Term> args, FunctionContext context)
    {
        var value = LiteralValues.RequireSimpleString(args[0]);
        var language = LiteralValues.RequireSimpleString(args[1]);
        return IsLanguageTag(language) ? Literal.LangString(value, language) : ExpressionErrorException.Throw<Term>();
    }

    /// <summary>The BCP 47 shape SPARQL's LANGTAG production accepts: letters, then '-'-separated alphanumeric subtags.</summary>
    internal static bool IsLanguageTag(string tag)
    {
        if (tag.Length == 0) return false;
        int i = 0;
        while (i < tag.Length && char.IsAsciiLetter(tag[i])) i++;
        if (i == 0 || i > 8) return false;
        while (i < tag.Length)
        {
            if (tag[i] != '-') return false;
            int start = ++i;
            while (i < tag.Length && char.IsAsciiLetterOrDigit(tag[i])) i++;
            if (i == start || i - start > 8) return false;
        }
        return true;
    }

    public static Term Uuid(ReadOnlySpan<Term> args, FunctionContext context) => new Iri("urn:uuid:" + Guid.NewGuid().ToString("D"));

    public static Term StrUuid(ReadOnlySpan<Term> args, FunctionContext context) => Literal.Simple(Guid.NewGuid().ToString("D"));
}
