namespace TripleStore.Formats;

/// <summary>Facts about each <see cref="RdfFormat"/>: names, file extensions, media types.</summary>
public static class RdfFormats
{
    public static IReadOnlyList<RdfFormat> All { get; } = Enum.GetValues<RdfFormat>();

    /// <summary>Whether the syntax can carry named graphs.</summary>
    public static bool SupportsNamedGraphs(RdfFormat format) => format is RdfFormat.NQuads or RdfFormat.TriG;

    public static string FileExtension(RdfFormat format) => format switch
    {
        RdfFormat.NTriples => ".nt",
        RdfFormat.NQuads => ".nq",
        RdfFormat.Turtle => ".ttl",
        RdfFormat.TriG => ".trig",
        RdfFormat.RdfXml => ".rdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string MediaType(RdfFormat format) => format switch
    {
        RdfFormat.NTriples => "application/n-triples",
        RdfFormat.NQuads => "application/n-quads",
        RdfFormat.Turtle => "text/turtle",
        RdfFormat.TriG => "application/trig",
        RdfFormat.RdfXml => "application/rdf+xml",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// Chooses the format from a file name: .nt .nq .ttl .trig .rdf .owl .xml, each optionally followed by .gz.
    /// </summary>
    public static bool TryFromPath(string path, out RdfFormat format, out bool gzip)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        gzip = name.EndsWith(".gz", StringComparison.Ordinal);
        if (gzip) name = name[..^3];
        return TryFromExtension(Path.GetExtension(name), out format);
    }

    public static bool TryFromExtension(string extension, out RdfFormat format)
    {
        switch (extension.TrimStart('.').ToLowerInvariant())
        {
            case "nt": case "ntriples": format = RdfFormat.NTriples; return true;
            case "nq": case "nquads": format = RdfFormat.NQuads; return true;
            case "ttl": case "turtle": format = RdfFormat.Turtle; return true;
            case "trig": format = RdfFormat.TriG; return true;
            case "rdf": case "owl": case "xml": case "rdfxml": format = RdfFormat.RdfXml; return true;
            default: format = default; return false;
        }
    }

    /// <summary>Parses a user-facing format name (enum name, extension or media type), case-insensitively.</summary>
    public static bool TryParse(string name, out RdfFormat format)
    {
        if (Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format)) return true;
        if (TryFromExtension(name, out format)) return true;
        foreach (var f in All)
            if (string.Equals(MediaType(f), name, StringComparison.OrdinalIgnoreCase)) { format = f; return true; }
        return false;
    }
}
