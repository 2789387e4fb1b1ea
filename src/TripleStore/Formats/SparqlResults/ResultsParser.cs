using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>The common shape of the format parsers: the header is read on construction, rows on demand.</summary>
internal abstract class ResultsParser
{
    protected ResultsParser(string? sourceName) => SourceName = sourceName;

    protected string? SourceName { get; }

    protected BlankNodeScope BlankNodes { get; } = new();

    public bool? Boolean { get; protected set; }

    public IReadOnlyList<string> Variables { get; protected set; } = [];

    public abstract IEnumerable<Term?[]> Rows();

    protected RdfSyntaxException Error(long line, long column, string message) =>
        new(new RdfSyntaxError(new SourcePosition(SourceName, line, column), message));

    /// <summary>Checks a header for repeated variables, which would make a row's bindings ambiguous.</summary>
    protected void CheckDistinct(IReadOnlyList<string> variables, long line, long column)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in variables)
            if (!seen.Add(v)) throw Error(line, column, $"The variable '{v}' is declared twice.");
    }
}
