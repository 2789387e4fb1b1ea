namespace TripleStore.PowerShell;

/// <summary>What Export-Rdf wrote to a file. The format is a name, not the engine's enum: see FormatArgument.</summary>
public sealed class RdfExportResult
{
    public RdfExportResult(string path, string format, long statementCount, TimeSpan elapsed)
    {
        Path = path;
        Format = format;
        StatementCount = statementCount;
        Elapsed = elapsed;
    }

    public string Path { get; }
    public string Format { get; }
    public long StatementCount { get; }
    public TimeSpan Elapsed { get; }
}
