namespace TripleStore.Formats.SparqlResults;

/// <summary>Media types and file extensions of the results formats, to pick a format from a file name or an Accept header.</summary>
public static class SparqlResultsFormats
{
    public static string MediaType(SparqlResultsFormat format) => format switch
    {
        SparqlResultsFormat.Json => "application/sparql-results+json",
        SparqlResultsFormat.Xml => "application/sparql-results+xml",
        SparqlResultsFormat.Csv => "text/csv",
        SparqlResultsFormat.Tsv => "text/tab-separated-values",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string FileExtension(SparqlResultsFormat format) => format switch
    {
        SparqlResultsFormat.Json => ".srj",
        SparqlResultsFormat.Xml => ".srx",
        SparqlResultsFormat.Csv => ".csv",
        SparqlResultsFormat.Tsv => ".tsv",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Recognizes a media type, ignoring parameters such as "; charset=utf-8".</summary>
    public static bool TryFromMediaType(string mediaType, out SparqlResultsFormat format)
    {
        var type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        switch (type)
        {
            case "application/sparql-results+json": case "application/json": format = SparqlResultsFormat.Json; return true;
            case "application/sparql-results+xml": case "application/xml": case "text/xml": format = SparqlResultsFormat.Xml; return true;
            case "text/csv": format = SparqlResultsFormat.Csv; return true;
            case "text/tab-separated-values": format = SparqlResultsFormat.Tsv; return true;
            default: format = default; return false;
        }
    }

    /// <summary>Recognizes a file extension (".srj", ".json", ".srx", ".xml", ".csv", ".tsv"), with or without the dot.</summary>
    public static bool TryFromExtension(string extension, out SparqlResultsFormat format)
    {
        switch (extension.TrimStart('.').ToLowerInvariant())
        {
            case "srj": case "json": format = SparqlResultsFormat.Json; return true;
            case "srx": case "xml": format = SparqlResultsFormat.Xml; return true;
            case "csv": format = SparqlResultsFormat.Csv; return true;
            case "tsv": format = SparqlResultsFormat.Tsv; return true;
            default: format = default; return false;
        }
    }
}
