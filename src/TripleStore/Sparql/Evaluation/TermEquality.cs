using TripleStore.Rdf;
using TripleStore.Sparql.Expressions;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// The = operator as the evaluator applies it: the library's, plus one case the library reports as an
/// error. A language-tagged string is an rdf:langString, a value space disjoint from every other
/// datatype, so comparing it with a literal of an unknown or ill-typed datatype is false rather than
/// an error (W3C tests open-eq-08 to open-eq-12).
/// </summary>
internal static class TermEquality
{
    public static bool Equal(Term a, Term b)
    {
        if (a is Literal la && b is Literal lb)
        {
            var ca = LiteralValues.Categorize(la);
            var cb = LiteralValues.Categorize(lb);
            if ((ca == ValueCategory.LangString && cb is ValueCategory.Unknown or ValueCategory.IllTyped)
                || (cb == ValueCategory.LangString && ca is ValueCategory.Unknown or ValueCategory.IllTyped))
                return false;
        }
        return SparqlOperators.Equal(a, b);
    }
}
