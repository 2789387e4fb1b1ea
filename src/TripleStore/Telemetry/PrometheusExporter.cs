using System.Globalization;
using System.Text;

namespace TripleStore.Telemetry;

/// <summary>
/// Writes every TripleStore metric of this process in the Prometheus text exposition format (0.0.4),
/// serialized by prometheus-net: for a /metrics endpoint, a node_exporter textfile, or
/// <c>Get-TripleStoreMetrics</c>. Figures are process-wide: all stores opened in this process add up.
/// </summary>
public static class PrometheusExporter
{
    /// <summary>The media type to send with the output, e.g. as an HTTP Content-Type.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes the exposition to <paramref name="destination"/> (UTF-8); the stream is left open.</summary>
    public static Task WriteAsync(Stream destination, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        StoreMetrics.EnsureCreated();
        return MeterBridge.Registry.CollectAndExportAsTextAsync(destination, cancellation);
    }

    /// <summary>The exposition as a string.</summary>
    public static string GetText()
    {
        using var buffer = new MemoryStream();
        WriteAsync(buffer).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The samples of the exposition, one per series line (histograms give _bucket, _sum and _count samples).</summary>
    public static IReadOnlyList<MetricSample> Collect()
    {
        var samples = new List<MetricSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in GetText().Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                if (parts.Length >= 4) types[parts[2]] = parts[3];
                continue;
            }
            if (line[0] == '#') continue;
            if (ParseSample(line, types) is { } sample) samples.Add(sample);
        }
        return samples;
    }

    private static MetricSample? ParseSample(string line, Dictionary<string, string> types)
    {
        int brace = line.IndexOf('{');
        int space = line.LastIndexOf(' ');
        if (space <= 0) return null;
        string name;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (brace > 0 && brace < space)
        {
            name = line[..brace];
            int close = line.LastIndexOf('}');
            var body = line[(brace + 1)..close];
            // Label values are quoted and escaped (\\, \", \n); none of ours holds a comma or quote, but parse properly anyway.
            int i = 0;
            while (i < body.Length)
            {
                int eq = body.IndexOf('=', i);
                if (eq < 0) break;
                var key = body[i..eq].Trim(',', ' ');
                var text = new StringBuilder();
                int j = eq + 2;
                for (; j < body.Length && body[j] != '"'; j++)
                {
                    if (body[j] == '\\' && j + 1 < body.Length)
                    {
                        j++;
                        text.Append(body[j] == 'n' ? '\n' : body[j]);
                    }
                    else text.Append(body[j]);
                }
                labels[key] = text.ToString();
                i = j + 1;
            }
            space = line.IndexOf(' ', close);
        }
        else
        {
            name = line[..line.IndexOf(' ')];
            space = line.IndexOf(' ');
        }
        var rest = line[(space + 1)..].Trim().Split(' ')[0];
        double value = rest switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new MetricSample(name, TypeOf(name, types), labels, value);
    }

    private static string TypeOf(string series, Dictionary<string, string> types)
    {
        if (types.TryGetValue(series, out var type)) return type;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            if (series.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(series[..^suffix.Length], out type)) return type;
        return "untyped";
    }
}
