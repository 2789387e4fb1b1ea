using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Operations;

/// <summary>
/// Converts an RDF file from one syntax to another, streaming: memory does not grow with the file.
/// The destination appears only when the whole source was read; a bad source leaves it untouched.
/// </summary>
public static class RdfConverter
{
    private const int CancellationCheckInterval = 4096;

    public static RdfConversionResult ConvertFile(
        string source, string destination, RdfConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RdfConversionOptions();
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(typeof(RdfConverter));
        var stopwatch = Stopwatch.StartNew();
        var sourcePath = Path.GetFullPath(source);
        var destinationPath = Path.GetFullPath(destination);
        if (string.Equals(sourcePath, destinationPath, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            throw new TripleStoreException(ErrorCodes.IO, ErrorKind.InvalidArgument,
                $"The destination '{destinationPath}' is the source itself; choose another destination file.");
        var destinationFormat = options.DestinationFormat ?? FormatOfDestination(destinationPath);
        var destinationFolder = Path.GetDirectoryName(destinationPath)!;
        if (!Directory.Exists(destinationFolder))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound,
                $"Folder not found: {destinationFolder}; create it before converting into it.");

        using var reader = RdfParser.OpenFile(sourcePath, options.SourceFormat, new RdfReaderOptions { BaseIri = options.BaseIri });
        // Written beside the destination so that the final move is a rename on the same volume.
        var partial = Path.Combine(destinationFolder, $".{Guid.NewGuid():N}.{Path.GetFileName(destinationPath)}");
        long statements = 0;
        try
        {
            // Prefix declarations normally precede the first statement, so reading it first lets the
            // writer abbreviate with the source's own prefixes.
            var hasFirst = reader.TryRead(out var first);
            var writerOptions = new RdfWriterOptions
            {
                Prefixes = options.Prefixes ?? new Dictionary<string, string>(reader.Prefixes, StringComparer.Ordinal),
            };
            using (var writer = RdfSerializer.CreateFile(partial, destinationFormat, writerOptions))
            {
                if (hasFirst)
                {
                    var quad = first;
                    do
                    {
                        writer.Write(quad);
                        if (++statements % CancellationCheckInterval == 0) cancellationToken.ThrowIfCancellationRequested();
                    }
                    while (reader.TryRead(out quad));
                }
                writer.Finish();
            }
            File.Move(partial, destinationPath, overwrite: true);
        }
        catch (Exception ex)
        {
            TryDelete(partial);
            if (ex is IOException or UnauthorizedAccessException or InvalidDataException)
                throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO,
                    $"Converting '{sourcePath}' to '{destinationPath}' failed: {ex.Message}", ex);
            throw;
        }

        var result = new RdfConversionResult(sourcePath, destinationPath, reader.Format, destinationFormat, statements, stopwatch.Elapsed);
        logger.LogInformation("Converted {Statements} statements from {Source} ({SourceFormat}) to {Destination} ({DestinationFormat}) in {ElapsedMs} ms",
            result.StatementCount, result.Source, result.SourceFormat, result.Destination, result.DestinationFormat, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private static RdfFormat FormatOfDestination(string path)
    {
        if (RdfFormats.TryFromPath(path, out var format, out _)) return format;
        throw new TripleStoreException(ErrorCodes.RdfFormatUnknown, ErrorKind.InvalidArgument,
            $"Cannot tell the RDF format for '{path}' from its extension; use one of .nt .nq .ttl .trig .rdf (optionally .gz) or name the format.");
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
