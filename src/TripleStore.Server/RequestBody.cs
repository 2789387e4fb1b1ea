using System.Net;
using System.Text;

namespace TripleStore.Server;

/// <summary>Reads request bodies within the size limit, and form and query-string parameters.</summary>
internal static class RequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole body, refused with 413 past <paramref name="limit"/> bytes.</summary>
    public static byte[] ReadBytes(HttpListenerRequest request, long limit)
    {
        if (request.ContentLength64 > limit)
            throw TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = request.InputStream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static HttpError TooLarge(long limit) =>
        new(413, $"The request body is larger than the server's limit of {limit} bytes.");

    /// <summary>UTF-8 text; malformed bytes are a 400, not silently replaced.</summary>
    public static string DecodeUtf8(byte[] bytes)
    {
        try
        {
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new HttpError(400, "The request body is not valid UTF-8.");
        }
    }

    /// <summary>
    /// Parses "a=1&amp;b=2" (a query string or a form body): '+' is a space and each value is
    /// percent-decoded exactly once, as UTF-8.
    /// </summary>
    public static List<KeyValuePair<string, string>> ParseForm(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0) continue;
            int eq = part.IndexOf('=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            pairs.Add(new(name, value));
        }
        return pairs;
    }

    private static string Decode(string text)
    {
        text = text.Replace('+', ' ');
        if (!text.Contains('%')) return text;
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new HttpError(400, "A percent-encoded parameter is not valid UTF-8.");
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>The raw query string of a request (without '?'), as sent: HttpListener's own parsing decodes differently.</summary>
    public static string RawQuery(HttpListenerRequest request)
    {
        var raw = request.RawUrl ?? "";
        int q = raw.IndexOf('?');
        return q < 0 ? "" : raw[(q + 1)..];
    }

    /// <summary>The raw path of a request, without the query.</summary>
    public static string RawPath(HttpListenerRequest request)
    {
        var raw = request.RawUrl ?? "/";
        int q = raw.IndexOf('?');
        return q < 0 ? raw : raw[..q];
    }
}
