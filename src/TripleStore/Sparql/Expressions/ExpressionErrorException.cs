namespace TripleStore.Sparql.Expressions;

/// <summary>
/// The SPARQL expression "error" value (SPARQL 1.1 section 17.3): a type error, an unbound variable, a
/// division by zero. It is not a failure of the query; the evaluator catches it, so a FILTER drops the
/// row and a BIND leaves the variable unbound. Errors are frequent in FILTERs over mixed data, so the
/// object is small and its stack trace is never read. Each throw uses a fresh object: the runtime
/// writes the stack trace into the exception it throws, so one instance thrown on two threads at once
/// would be shared mutable state. Hot paths should avoid throwing at all (see the Try* operators).
/// </summary>
public sealed class ExpressionErrorException : Exception
{
    private const string DefaultMessage = "SPARQL expression error";

    public ExpressionErrorException() : base(DefaultMessage) { }

    public ExpressionErrorException(string message) : base(message) { }

    /// <summary>A new error value with the default message, ready to throw.</summary>
    public static ExpressionErrorException Instance => new();

    // Throwing through a helper keeps the throw out of hot callers so the JIT can inline them.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Throw() => throw new ExpressionErrorException();

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static T Throw<T>() => throw new ExpressionErrorException();

    public override string? StackTrace => null;
}
