using System.Text;

namespace TripleStore.Server;

/// <summary>A minimal multipart/form-data reader (RFC 7578) for Graph Store POSTs of several files.</summary>
internal static class Multipart
{
    public sealed record Part(string? ContentType, string? FileName, byte[] Body);

    public static List<Part> Parse(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<Part>();
        int position = IndexOf(body, delimiter, 0);
        if (position < 0) throw new HttpError(400, "The multipart body does not contain its boundary.");
        while (true)
        {
            position += delimiter.Length;
            if (position + 1 < body.Length && body[position] == '-' && body[position + 1] == '-') break;
            position = SkipLineEnd(body, position);
            int next = IndexOf(body, delimiter, position);
            if (next < 0) throw new HttpError(400, "The multipart body ends without its closing boundary.");
            int end = next;
            // The CRLF before a delimiter belongs to the delimiter.
            if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') end -= 2;
            else if (end >= 1 && body[end - 1] == '\n') end -= 1;
            parts.Add(ParsePart(body, position, end));
            position = next;
        }
        return parts;
    }

    private static Part ParsePart(byte[] body, int start, int end)
    {
        string? contentType = null, fileName = null;
        int position = start;
        while (position < end)
        {
            int lineEnd = Array.IndexOf(body, (byte)'\n', position, end - position);
            if (lineEnd < 0) lineEnd = end;
            var line = Encoding.UTF8.GetString(body, position, lineEnd - position).TrimEnd('\r');
            position = Math.Min(lineEnd + 1, end);
            if (line.Length == 0) break;
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else if (name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase)) fileName = MediaTypes.Parameter(value, "filename");
        }
        return new Part(contentType, fileName, body[position..end]);
    }

    private static int SkipLineEnd(byte[] body, int position)
    {
        if (position < body.Length && body[position] == '\r') position++;
        if (position < body.Length && body[position] == '\n') position++;
        return position;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start) =>
        haystack.AsSpan(start).IndexOf(needle) is var i and >= 0 ? start + i : -1;
}
