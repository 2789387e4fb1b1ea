using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>
/// A SPARQL function over evaluated arguments (none is unbound: an unbound argument is an error the
/// evaluator raises before the call). Returns the result term or throws <see cref="ExpressionErrorException"/>.
/// </summary>
public delegate Term SparqlFunction(ReadOnlySpan<Term> args, FunctionContext context);
