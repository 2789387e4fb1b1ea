using System.IO.Compression;
using System.Text;

namespace TripleStore.Formats;

/// <summary>Creates streaming writers for each <see cref="RdfFormat"/>.</summary>
public static class RdfSerializer
{
    public static RdfWriter Create(TextWriter output, RdfFormat format, RdfWriterOptions? options = null)
    {
        options ??= new RdfWriterOptions();
        return format switch
        {
            RdfFormat.NTriples => new NTriples.NTriplesWriter(output, quads: false),
            RdfFormat.NQuads => new NTriples.NTriplesWriter(output, quads: true),
            RdfFormat.Turtle => new Turtle.TurtleWriter(output, options, trig: false),
            RdfFormat.TriG => new Turtle.TurtleWriter(output, options, trig: true),
            RdfFormat.RdfXml => new RdfXml.RdfXmlWriter(output, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    public static RdfWriter Create(Stream output, RdfFormat format, RdfWriterOptions? options = null) =>
        Create(new StreamWriter(output, new UTF8Encoding(false), 1 << 16), format, options);

    /// <summary>Creates (or overwrites) a file; the format comes from the extension unless given; <c>.gz</c> compresses.</summary>
    public static RdfWriter CreateFile(string path, RdfFormat? format = null, RdfWriterOptions? options = null)
    {
        var full = Path.GetFullPath(path);
        bool gzip;
        if (format is null)
        {
            if (!RdfFormats.TryFromPath(full, out var detected, out gzip))
                throw new TripleStoreException(ErrorCodes.RdfFormatUnknown, ErrorKind.InvalidArgument,
                    $"Cannot tell the RDF format for '{full}' from its extension; use one of .nt .nq .ttl .trig .rdf (optionally .gz) or name the format.");
            format = detected;
        }
        else
        {
            gzip = full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        }
        Stream stream = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (gzip) stream = new GZipStream(stream, CompressionLevel.Fastest);
        return Create(stream, format.Value, options);
    }
}
