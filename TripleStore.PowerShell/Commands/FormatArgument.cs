using TripleStore.Formats;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// Reads a format parameter. Cmdlets take formats as strings, not as the engine's enum: a field of an
/// engine value type would make PowerShell load the engine while it inspects the cmdlet types, before
/// the module has pointed the loading at deps/.
/// </summary>
internal static class FormatArgument
{
    /// <summary>Null for null; else the format that a name, extension or media type stands for.</summary>
    public static RdfFormat? Parse(string? value, string parameterName)
    {
        if (value is null) return null;
        if (RdfFormats.TryParse(value, out var format)) return format;
        throw new TripleStoreException(ErrorCodes.RdfFormatUnknown, ErrorKind.InvalidArgument,
            $"-{parameterName} '{value}' is not an RDF format; use one of {string.Join(", ", RdfFormats.All)}, a file extension such as 'ttl', or a media type.");
    }
}
