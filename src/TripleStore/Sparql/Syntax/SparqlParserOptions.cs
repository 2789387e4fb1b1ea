namespace TripleStore.Sparql.Syntax;

public sealed record SparqlParserOptions
{
    public static readonly SparqlParserOptions Default = new();

    /// <summary>
    /// The deepest nesting of groups, expressions, paths and collections accepted. The parser is
    /// recursive, so this keeps hostile input from exhausting the stack.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 250;

    /// <summary>
    /// The most elements one group may chain (OPTIONAL, MINUS, BIND, UNION branches, sub-groups) and the
    /// most operands one operator chain may have. Each link is one level of the algebra tree, which the
    /// compiler and evaluator walk recursively.
    /// </summary>
    public int MaxChainLength { get; init; } = 1_000;

    /// <summary>The name reported in error positions.</summary>
    public string? SourceName { get; init; }
}
