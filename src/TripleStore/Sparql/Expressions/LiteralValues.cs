using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>Classifies literals and reads their values, the common ground of operators, functions and ordering.</summary>
internal static class LiteralValues
{
    public static ValueCategory Categorize(Literal literal) => LiteralValue.Read(literal).Category;

    /// <summary>True for simple literals, xsd:string and language-tagged strings: the "string literals" of section 17.4.3.</summary>
    public static bool IsStringLiteral(Literal literal) =>
        literal.Datatype.Value is XsdNames.String or XsdNames.LangString;

    public static Numeric RequireNumeric(Term term) =>
        term is Literal l && Numeric.TryParse(l, out var n) ? n : ExpressionErrorException.Throw<Numeric>();

    public static bool TryGetBoolean(Literal literal, out bool value)
    {
        value = false;
        return literal.Datatype.Value == XsdNames.Boolean && XsdLexical.TryParseBoolean(literal.Value, out value);
    }

    /// <summary>A string literal argument (simple, xsd:string or language-tagged), or an error.</summary>
    public static Literal RequireStringLiteral(Term term) =>
        term is Literal l && IsStringLiteral(l) ? l : ExpressionErrorException.Throw<Literal>();

    /// <summary>A simple literal or xsd:string argument (no language tag), or an error.</summary>
    public static string RequireSimpleString(Term term) =>
        term is Literal { Language: null } l && l.Datatype.Value == XsdNames.String ? l.Value : ExpressionErrorException.Throw<string>();
}
