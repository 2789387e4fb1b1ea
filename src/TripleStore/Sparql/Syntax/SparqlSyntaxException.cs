namespace TripleStore.Sparql.Syntax;

/// <summary>A SPARQL syntax error, with where it happened.</summary>
public sealed class SparqlSyntaxException : TripleStoreException
{
    public SparqlSyntaxException(SourcePosition position, string message)
        : base(ErrorCodes.QuerySyntax, ErrorKind.QuerySyntax, $"SPARQL syntax error at line {position.Line}, column {position.Column}: {message}")
    {
        Position = position;
        Detail = message;
    }

    public SourcePosition Position { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; }
}
