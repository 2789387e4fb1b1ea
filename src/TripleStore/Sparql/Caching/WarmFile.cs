using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace TripleStore.Sparql.Caching;

/// <summary>
/// The small JSON file in the store's folder that lists the queries to warm (see docs/caching.md):
/// written to a temporary file and renamed over the old one, so a crash leaves the old list or the new
/// one, never half of one. A missing file is normal; an unreadable one is ignored with a warning.
/// </summary>
internal static class WarmFile
{
    public const string FileName = "result-cache-warm.json";
    private const string Format = "triplestore-result-cache-warm";
    private const int Version = 1;

    /// <summary>Larger files are not read: the list is bounded, so such a file was not written by the store.</summary>
    private const long MaxFileBytes = 16L << 20;

    public static string PathIn(string storeFolder) => Path.Combine(storeFolder, FileName);

    /// <summary>The saved queries, most used first, at most <paramref name="max"/>; empty when there is no usable file.</summary>
    public static IReadOnlyList<WarmQuery> Read(string path, int max, ILogger logger)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return [];
            if (info.Length > MaxFileBytes) return Ignore(logger, path, $"it is larger than {MaxFileBytes / (1 << 20)} MB");
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                return Ignore(logger, path, "it is not a result cache warm file");
            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out int v) || v != Version)
                return Ignore(logger, path, $"its version is not {Version}");
            if (!root.TryGetProperty("queries", out var queries) || queries.ValueKind != JsonValueKind.Array)
                return Ignore(logger, path, "it has no list of queries");
            var list = new List<WarmQuery>();
            int skipped = 0;
            foreach (var item in queries.EnumerateArray())
            {
                if (ReadQuery(item) is { } query) list.Add(query);
                else skipped++;
            }
            if (skipped > 0)
                logger.LogWarning("Skipped {Count} malformed entries of the result cache warm file {Path}.", skipped, path);
            return list.OrderByDescending(q => q.Uses).Take(max).ToList();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return Ignore(logger, path, e.Message);
        }
    }

    private static List<WarmQuery> Ignore(ILogger logger, string path, string why)
    {
        logger.LogWarning("Ignored the result cache warm file {Path}: {Reason}. Nothing is warmed; the file is rewritten when the store closes.", path, why);
        return [];
    }

    private static WarmQuery? ReadQuery(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return null;
        if (!item.TryGetProperty("query", out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString())) return null;
        if (!item.TryGetProperty("uses", out var uses) || !uses.TryGetInt64(out long count) || count < 1) return null;
        string? baseIri = null;
        if (item.TryGetProperty("baseIri", out var b))
        {
            if (b.ValueKind == JsonValueKind.String) baseIri = b.GetString();
            else if (b.ValueKind != JsonValueKind.Null) return null;
        }
        if (!Strings(item, "defaultGraphs", out var defaultGraphs) || !Strings(item, "namedGraphs", out var namedGraphs)) return null;
        return new WarmQuery
        {
            Text = text.GetString()!,
            Uses = count,
            BaseIri = baseIri,
            DefaultGraphs = defaultGraphs,
            NamedGraphs = namedGraphs,
            DefaultGraphAsUnion = item.TryGetProperty("defaultGraphAsUnion", out var union) && union.ValueKind == JsonValueKind.True,
            IncludeDerived = !item.TryGetProperty("includeDerived", out var derived) || derived.ValueKind != JsonValueKind.False,
        };
    }

    private static bool Strings(JsonElement item, string name, out string[]? values)
    {
        values = null;
        if (!item.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return true;
        if (array.ValueKind != JsonValueKind.Array) return false;
        var list = new List<string>();
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String) return false;
            list.Add(element.GetString()!);
        }
        values = [.. list];
        return true;
    }

    /// <summary>Replaces the file with <paramref name="queries"/> (an empty list deletes it).</summary>
    public static void Write(string path, IReadOnlyList<WarmQuery> queries)
    {
        if (queries.Count == 0)
        {
            File.Delete(path);
            return;
        }
        string temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    json.WriteString("format", Format);
                    json.WriteNumber("version", Version);
                    json.WriteString("saved", DateTimeOffset.UtcNow);
                    json.WriteStartArray("queries");
                    foreach (var query in queries)
                    {
                        json.WriteStartObject();
                        json.WriteString("query", query.Text);
                        json.WriteNumber("uses", query.Uses);
                        if (query.BaseIri is not null) json.WriteString("baseIri", query.BaseIri);
                        WriteStrings(json, "defaultGraphs", query.DefaultGraphs);
                        WriteStrings(json, "namedGraphs", query.NamedGraphs);
                        if (query.DefaultGraphAsUnion) json.WriteBoolean("defaultGraphAsUnion", true);
                        if (!query.IncludeDerived) json.WriteBoolean("includeDerived", false);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
