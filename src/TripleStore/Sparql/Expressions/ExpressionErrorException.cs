namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The SPARQL expression "error" value (SPARQL 1.1 section 17.3): a type error, an unbound variable, a
/// division by zero. It is not a failure of the query; the evaluator catches it, so a FILTER drops the
/// row and a BIND leaves the variable unbound. Errors are frequent in FILTERs over mixed data, so the
/// library throws one shared instance and the exception never captures a stack trace it would not use.
/// </summary>
public sealed class ExpressionErrorException : Exception
{
    /// <summary>The shared instance thrown by the operator and function library.</summary>
    public static readonly ExpressionErrorException Instance = new("SPARQL expression error");

    public ExpressionErrorException(string message) : base(message) { }

    // Throwing through a helper keeps the throw out of hot callers so the JIT can inline them.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Throw() => throw Instance;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static T Throw<T>() => throw Instance;

    public override string? StackTrace => null;
}
