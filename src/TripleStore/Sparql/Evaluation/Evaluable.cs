using TripleStore.Rdf;

namespace TripleStore.Sparql.Evaluation;

/// <summary>A compiled expression. <see cref="Eval"/> returns null for the SPARQL error value (unbound included).</summary>
internal abstract class Evaluable
{
    public abstract Term? Eval(Term?[] row, EvaluationContext ctx);

    /// <summary>The effective boolean value, or null for an error.</summary>
    public virtual bool? EvalBoolean(Term?[] row, EvaluationContext ctx)
    {
        var t = Eval(row, ctx);
        if (t is null) return null;
        return ExpressionSupport.EffectiveBooleanValue(t);
    }
}
