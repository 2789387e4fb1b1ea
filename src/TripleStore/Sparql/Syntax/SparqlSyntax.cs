namespace TripleStore.Sparql.Syntax;

internal static class SparqlSyntax
{
    public static TripleStoreException Error(string? source, int line, int column, string message)
    {
        var position = new SourcePosition(source, line, column);
        return new SparqlSyntaxException(position, message);
    }
}
