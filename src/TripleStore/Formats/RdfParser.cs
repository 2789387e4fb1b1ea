using System.IO.Compression;
using System.Text;

namespace TripleStore.Formats;

/// <summary>Creates streaming readers for each <see cref="RdfFormat"/>.</summary>
public static class RdfParser
{
    public static RdfReader Create(TextReader input, RdfFormat format, RdfReaderOptions? options = null)
    {
        options ??= new RdfReaderOptions();
        return format switch
        {
            RdfFormat.NTriples => new NTriples.NTriplesReader(input, options, quads: false),
            RdfFormat.NQuads => new NTriples.NTriplesReader(input, options, quads: true),
            RdfFormat.Turtle => new Turtle.TurtleReader(input, options, trig: false),
            RdfFormat.TriG => new Turtle.TurtleReader(input, options, trig: true),
            RdfFormat.RdfXml => new RdfXml.RdfXmlReader(input, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>
    /// Reads UTF-8 text from <paramref name="input"/> (a byte-order mark is honoured). RDF/XML is handed the
    /// bytes, so that its XML declaration can name another encoding.
    /// </summary>
    public static RdfReader Create(Stream input, RdfFormat format, RdfReaderOptions? options = null) =>
        format == RdfFormat.RdfXml
            ? new RdfXml.RdfXmlReader(input, options ?? new RdfReaderOptions())
            : Create(new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), format, options);

    /// <summary>
    /// Opens a file, choosing the format from its extension unless given, and reading <c>.gz</c> files
    /// through gzip. The base IRI defaults to the file's own file: URI, and errors name the path.
    /// </summary>
    public static RdfReader OpenFile(string path, RdfFormat? format = null, RdfReaderOptions? options = null)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"File not found: {full}");
        bool gzip;
        if (format is null)
        {
            if (!RdfFormats.TryFromPath(full, out var detected, out gzip))
                throw new TripleStoreException(ErrorCodes.RdfFormatUnknown, ErrorKind.InvalidArgument,
                    $"Cannot tell the RDF format of '{full}' from its extension; use one of .nt .nq .ttl .trig .rdf .owl .xml (optionally .gz) or name the format.");
            format = detected;
        }
        else
        {
            gzip = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        }
        options ??= new RdfReaderOptions();
        options = options with
        {
            BaseIri = options.BaseIri ?? new Uri(full).AbsoluteUri,
            SourceName = options.SourceName ?? full,
        };
        Stream stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (gzip) stream = new GZipStream(stream, CompressionMode.Decompress);
        return Create(stream, format.Value, options);
    }
}
