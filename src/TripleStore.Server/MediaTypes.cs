using System.Globalization;

namespace TripleStore.Server;

/// <summary>Accept-header negotiation and Content-Type parsing.</summary>
internal static class MediaTypes
{
    public const string FormUrlEncoded = "application/x-www-form-urlencoded";
    public const string SparqlQuery = "application/sparql-query";
    public const string SparqlUpdate = "application/sparql-update";
    public const string MultipartFormData = "multipart/form-data";

    /// <summary>
    /// Picks the offer the Accept header prefers: highest q first, then the more specific range, then the
    /// server's order of <paramref name="offers"/> (its preference). No header (or an empty one) takes the
    /// first offer; null when nothing acceptable is offered (406).
    /// </summary>
    public static string? Negotiate(string? accept, IReadOnlyList<string> offers)
    {
        if (string.IsNullOrWhiteSpace(accept)) return offers[0];
        var ranges = new List<(string Type, double Q, int Specificity)>();
        foreach (var part in accept.Split(','))
        {
            var pieces = part.Split(';');
            var type = pieces[0].Trim().ToLowerInvariant();
            if (type.Length == 0) continue;
            double q = 1;
            foreach (var parameter in pieces.Skip(1))
            {
                var kv = parameter.Split('=', 2);
                if (kv.Length == 2 && kv[0].Trim().Equals("q", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(kv[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    q = value;
            }
            int specificity = type == "*/*" ? 0 : type.EndsWith("/*", StringComparison.Ordinal) ? 1 : 2;
            ranges.Add((type, q, specificity));
        }
        string? best = null;
        (double Q, int Specificity) bestRank = (0, -1);
        foreach (var offer in offers)
        {
            // The most specific range that matches an offer decides its q (RFC 9110, 12.5.1).
            var match = ranges.Where(r => Matches(r.Type, offer)).OrderByDescending(r => r.Specificity).FirstOrDefault();
            if (match.Type is null || match.Q <= 0) continue;
            if (match.Q > bestRank.Q || (match.Q == bestRank.Q && match.Specificity > bestRank.Specificity))
            {
                best = offer;
                bestRank = (match.Q, match.Specificity);
            }
        }
        return best;
    }

    private static bool Matches(string range, string offer) =>
        range == "*/*" || range == offer
        || (range.EndsWith("/*", StringComparison.Ordinal) && offer.StartsWith(range[..^1], StringComparison.Ordinal));

    /// <summary>The media type of a Content-Type header, lower case, without parameters; "" when absent.</summary>
    public static string TypeOf(string? contentType) =>
        contentType is null ? "" : contentType.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>A parameter of a Content-Type header (charset, boundary), unquoted; null when absent.</summary>
    public static string? Parameter(string? contentType, string name)
    {
        if (contentType is null) return null;
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var kv = parameter.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return kv[1].Trim().Trim('"');
        }
        return null;
    }

    /// <summary>Refuses a charset other than UTF-8 (or US-ASCII, a subset): the protocol requires UTF-8.</summary>
    public static void RequireUtf8(string? contentType)
    {
        var charset = Parameter(contentType, "charset");
        if (charset is null) return;
        if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
            throw new HttpError(415, $"The body is declared as charset={charset}; SPARQL requests must be UTF-8.");
    }
}
