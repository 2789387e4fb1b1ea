using System.Text.RegularExpressions;

namespace TripleStore.Configuration;

/// <summary>
/// The production form of an error message (the SafeMessages setting): absolute file-system paths
/// become &lt;path&gt;, so a message shown to a client or kept in a log reveals no layout of the server;
/// the error code and the advice stay.
/// </summary>
public static partial class SafeMessage
{
    [GeneratedRegex(@"(?<![\w/:.])(?:[A-Za-z]:[\\/]|/)(?:[^\s:'""<>|,;]+[\\/]?)+", RegexOptions.CultureInvariant)]
    private static partial Regex AbsolutePath();

    public static string Redact(string message) => AbsolutePath().Replace(message, "<path>");

    /// <summary>A copy of <paramref name="exception"/> with a redacted message and no inner exception (so no inner stack trace).</summary>
    public static TripleStoreException Redact(TripleStoreException exception) =>
        new(exception.ErrorCode, exception.Kind, Redact(exception.Message));
}
