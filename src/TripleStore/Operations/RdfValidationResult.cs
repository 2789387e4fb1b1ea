using TripleStore.Formats;

namespace TripleStore.Operations;

/// <summary>
/// The verdict on one RDF file. <see cref="Errors"/> holds at most the cap given to the validator;
/// <see cref="ErrorCount"/> counts every error found.
/// </summary>
public sealed record RdfValidationResult(
    string Path,
    RdfFormat Format,
    long StatementCount,
    int ErrorCount,
    IReadOnlyList<RdfSyntaxError> Errors,
    TimeSpan Elapsed)
{
    public bool Valid => ErrorCount == 0;

    /// <summary>Whether more errors were found than <see cref="Errors"/> holds.</summary>
    public bool ErrorsTruncated => ErrorCount > Errors.Count;
}
