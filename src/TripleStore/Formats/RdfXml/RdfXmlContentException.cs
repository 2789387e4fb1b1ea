namespace TripleStore.Formats.RdfXml;

/// <summary>
/// Raised inside the RDF/XML reader when an element breaks the RDF/XML grammar. The reader turns it into an
/// <see cref="RdfSyntaxError"/> at the current position, then throws or (in lenient mode) skips the element.
/// </summary>
internal sealed class RdfXmlContentException(string message, string code = ErrorCodes.RdfSyntax) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>Where the problem is when it is not the element the reader stands on (an attribute).</summary>
    public (int Line, int Column)? Position { get; init; }
}
