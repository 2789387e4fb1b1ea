using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>The functions on numbers (SPARQL 1.1 section 17.4.4); results keep the argument's primitive type.</summary>
internal static class NumericFunctions
{
    public static Term Abs(ReadOnlySpan<Term> args, FunctionContext context) => LiteralValues.RequireNumeric(args[0]).Abs().ToLiteral();

    public static Term Round(ReadOnlySpan<Term> args, FunctionContext context) => LiteralValues.RequireNumeric(args[0]).Round().ToLiteral();

    public static Term Ceil(ReadOnlySpan<Term> args, FunctionContext context) => LiteralValues.RequireNumeric(args[0]).Ceiling().ToLiteral();

    public static Term Floor(ReadOnlySpan<Term> args, FunctionContext context) => LiteralValues.RequireNumeric(args[0]).Floor().ToLiteral();

    /// <summary>A pseudo-random xsd:double in [0, 1).</summary>
    public static Term Rand(ReadOnlySpan<Term> args, FunctionContext context) => Numeric.FromDouble(context.Random.NextDouble()).ToLiteral();
}
