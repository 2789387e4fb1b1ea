using TripleStore.Formats;

namespace TripleStore.Operations;

/// <summary>What one file conversion did.</summary>
public sealed record RdfConversionResult(
    string Source,
    string Destination,
    RdfFormat SourceFormat,
    RdfFormat DestinationFormat,
    long StatementCount,
    TimeSpan Elapsed);
