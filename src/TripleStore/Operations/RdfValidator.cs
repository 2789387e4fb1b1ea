using System.Diagnostics;
using TripleStore.Formats;

namespace TripleStore.Operations;

/// <summary>
/// Checks RDF files without loading them anywhere: the reader runs leniently, so one pass finds
/// every error it can recover from, not just the first.
/// </summary>
public static class RdfValidator
{
    /// <summary>How many errors a result keeps unless told otherwise; the count goes on past it.</summary>
    public const int DefaultMaxErrors = 100;

    private const int CancellationCheckInterval = 4096;

    public static RdfValidationResult ValidateFile(
        string path, RdfFormat? format = null, string? baseIri = null, int maxErrors = DefaultMaxErrors,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrors);
        var stopwatch = Stopwatch.StartNew();
        var errors = new List<RdfSyntaxError>();
        var errorCount = 0;
        void Record(RdfSyntaxError error)
        {
            errorCount++;
            if (errors.Count < maxErrors) errors.Add(error);
        }

        var options = new RdfReaderOptions { BaseIri = baseIri, Lenient = true, OnError = Record };
        using var reader = RdfParser.OpenFile(path, format, options);
        long statements = 0;
        try
        {
            while (reader.TryRead(out _))
            {
                if (++statements % CancellationCheckInterval == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (RdfSyntaxException ex)
        {
            // Even a lenient reader stops at what it cannot skip (say, nesting past the limit).
            Record(ex.Error);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO, $"Reading '{Path.GetFullPath(path)}' failed: {ex.Message}", ex);
        }

        return new RdfValidationResult(Path.GetFullPath(path), reader.Format, statements, errorCount, errors, stopwatch.Elapsed);
    }
}
