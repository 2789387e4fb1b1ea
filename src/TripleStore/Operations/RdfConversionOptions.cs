using Microsoft.Extensions.Logging;
using TripleStore.Formats;

namespace TripleStore.Operations;

/// <summary>How <see cref="RdfConverter"/> reads its source and writes its destination.</summary>
public sealed record RdfConversionOptions
{
    /// <summary>The source syntax; null chooses it from the source file's extension.</summary>
    public RdfFormat? SourceFormat { get; init; }

    /// <summary>The destination syntax; null chooses it from the destination file's extension.</summary>
    public RdfFormat? DestinationFormat { get; init; }

    /// <summary>The base IRI for relative references in the source; null uses the source file's own file: URI.</summary>
    public string? BaseIri { get; init; }

    /// <summary>Prefixes for syntaxes that abbreviate IRIs; null reuses the prefixes the source declared before its first statement.</summary>
    public IReadOnlyDictionary<string, string>? Prefixes { get; init; }

    /// <summary>Receives a summary of each conversion; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
