namespace TripleStore.Formats;

/// <summary>Malformed RDF input. The message names the source, line and column and says what was expected.</summary>
public sealed class RdfSyntaxException : TripleStoreException
{
    public RdfSyntaxException(RdfSyntaxError error, string code = ErrorCodes.RdfSyntax)
        : base(code, ErrorKind.Parse, error.ToString())
    {
        Error = error;
    }

    public RdfSyntaxError Error { get; }
    public SourcePosition Position => Error.Position;
}
