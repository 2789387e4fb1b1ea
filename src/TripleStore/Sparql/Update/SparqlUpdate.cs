using TripleStore.Sparql.Syntax;

namespace TripleStore.Sparql.Update;

/// <summary>A parsed SPARQL 1.1 Update request: its operations in order. Evaluation is not part of this type.</summary>
public sealed class SparqlUpdate
{
    internal SparqlUpdate(IReadOnlyList<UpdateOperation> operations, string text)
    {
        Operations = operations;
        Text = text;
    }

    public IReadOnlyList<UpdateOperation> Operations { get; }

    public string Text { get; }

    /// <summary>Parses an update request. Throws <see cref="SparqlSyntaxException"/> (<see cref="ErrorCodes.QuerySyntax"/>) with line and column.</summary>
    public static SparqlUpdate Parse(string text, string? baseIri = null, SparqlParserOptions? options = null) =>
        new SparqlParser(text, baseIri, options ?? SparqlParserOptions.Default).ParseUpdate();
}
