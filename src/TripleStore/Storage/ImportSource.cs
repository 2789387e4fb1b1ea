using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>One input of an import: a reader opened when its turn comes, or quads built in code.</summary>
internal sealed class ImportSource
{
    private readonly Func<RdfReader>? _openReader;
    private readonly IEnumerable<Quad>? _quads;

    private ImportSource(string? name, Func<RdfReader>? openReader, IEnumerable<Quad>? quads)
    {
        Name = name;
        _openReader = openReader;
        _quads = quads;
    }

    public string? Name { get; }

    /// <summary>
    /// Set when the source is an N-Triples or N-Quads file read strictly: the importer then parses it from its
    /// bytes on several threads instead of through <see cref="Read"/>.
    /// </summary>
    public NTriplesFile? NTriples { get; private init; }

    /// <summary>A file of N-Triples or N-Quads, with the reader options the full reader would get.</summary>
    public sealed record NTriplesFile(string Path, bool Quads, bool Gzip, RdfReaderOptions Options)
    {
        public Stream Open()
        {
            Stream stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return Gzip ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress) : stream;
        }
    }

    /// <summary>
    /// Set when the source is a Turtle file read strictly: the importer then parses it from its bytes on several
    /// threads, and hands it to the full reader from the first statement its byte parser is not sure of.
    /// </summary>
    public TurtleFile? Turtle { get; private init; }

    /// <summary>A Turtle file, with the reader options the full reader gets (base IRI and source name set as for any file).</summary>
    public sealed record TurtleFile(string Path, bool Gzip, RdfReaderOptions Options)
    {
        public Stream Open()
        {
            Stream stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return Gzip ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress) : stream;
        }
    }

    public static ImportSource FromReader(string? name, Func<RdfReader> open) => new(name, open, null);

    /// <summary>A file to import, in <paramref name="format"/> or the format its extension names.</summary>
    public static ImportSource FromFile(string path, RdfFormat? format, RdfReaderOptions options)
    {
        var source = FromReader(path, () => RdfParser.OpenFile(path, format, options));
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (format is null && RdfFormats.TryFromPath(path, out var detected, out gzip)) format = detected;
        // Lenient reading goes through the full reader, which reports each bad line and goes on.
        if (options.Lenient) return source;
        if (format == RdfFormat.Turtle)
        {
            // The same base IRI and source name as RdfParser.OpenFile gives the full reader.
            var full = Path.GetFullPath(path);
            var turtle = options with { BaseIri = options.BaseIri ?? new Uri(full).AbsoluteUri, SourceName = options.SourceName ?? full };
            return new ImportSource(path, source._openReader, null) { Turtle = new TurtleFile(full, gzip, turtle) };
        }
        if (format is not (RdfFormat.NTriples or RdfFormat.NQuads)) return source;
        var strict = options with { SourceName = options.SourceName ?? path };
        return new ImportSource(path, source._openReader, null) { NTriples = new NTriplesFile(path, format == RdfFormat.NQuads, gzip, strict) };
    }

    public static ImportSource FromQuads(string? name, IEnumerable<Quad> quads) => new(name, null, quads);

    /// <summary>Streams the quads; <paramref name="errorsSkipped"/> receives the reader's lenient error count at the end.</summary>
    public IEnumerable<Quad> Read(Action<int> errorsSkipped)
    {
        if (_quads is not null)
        {
            foreach (var quad in _quads) yield return quad;
            yield break;
        }
        using var reader = _openReader!();
        while (reader.TryRead(out var quad)) yield return quad;
        errorsSkipped(reader.ErrorCount);
    }
}
