using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>Bridges the evaluator's null-as-error convention and the library's exception.</summary>
internal static class ExpressionSupport
{
    public static bool? EffectiveBooleanValue(Term t)
    {
        try { return SparqlOperators.EffectiveBooleanValue(t); }
        catch (ExpressionErrorException) { return null; }
    }

    public static bool? Equal(Term a, Term b)
    {
        try { return TermEquality.Equal(a, b); }
        catch (ExpressionErrorException) { return null; }
    }
}
