namespace TripleStore.Sparql.Syntax;

public sealed record SparqlParserOptions
{
    public static readonly SparqlParserOptions Default = new();

    /// <summary>
    /// The deepest nesting of groups, expressions, paths and collections accepted. The parser is
    /// recursive, so this keeps hostile input from exhausting the stack.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 250;

    /// <summary>The name reported in error positions.</summary>
    public string? SourceName { get; init; }
}
