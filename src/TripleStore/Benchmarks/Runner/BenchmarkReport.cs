using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Writes a <see cref="BenchmarkResult"/> as JSON (the whole result; readable back as a baseline) and as
/// CSV (one row per phase, per query and per mix phase, invariant culture).
/// </summary>
public static class BenchmarkReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string ToJson(BenchmarkResult result) => JsonSerializer.Serialize(result, Json);

    public static BenchmarkResult FromJson(string json, string source = "the baseline")
    {
        try
        {
            return JsonSerializer.Deserialize<BenchmarkResult>(json, Json) ?? throw new JsonException("The document is empty.");
        }
        catch (JsonException e)
        {
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"{source} is not a benchmark result written by this runner: {e.Message}", e);
        }
    }

    public static BenchmarkResult Load(string path)
    {
        if (!File.Exists(path))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"Benchmark result file not found: {path}");
        return FromJson(File.ReadAllText(path), path);
    }

    public const string CsvHeader = "section,name,clients,count,results,seconds,cpu_seconds,rate,p50_ms,p95_ms,p99_ms,max_ms,mean_ms";

    /// <summary>
    /// Rows: <c>load</c> (count = triples, rate = triples/s), <c>materialize</c> (count = derived, rate =
    /// derived/s), <c>query</c> and <c>query_concurrent</c> (count = executions, rate = executions/s),
    /// <c>mix</c> (count = rounds, rate = rounds per hour).
    /// </summary>
    public static string ToCsv(BenchmarkResult result)
    {
        var csv = new StringBuilder().Append(CsvHeader).Append('\n');
        void Row(string section, string name, int clients, long count, long? results, double? seconds, double? cpu, double rate,
            double? p50 = null, double? p95 = null, double? p99 = null, double? max = null, double? mean = null)
        {
            static string F(double? v) => v is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "";
            csv.Append(string.Join(',', section, name, clients.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
                results?.ToString(CultureInfo.InvariantCulture) ?? "", F(seconds), F(cpu), F(rate), F(p50), F(p95), F(p99), F(max), F(mean))).Append('\n');
        }
        if (result.Load is { } load) Row("load", result.Name, 1, load.Triples, null, load.Seconds, load.CpuSeconds, load.TriplesPerSecond);
        if (result.Materialization is { } m) Row("materialize", result.Name, 1, m.Derived, null, m.Seconds, m.CpuSeconds, m.DerivedPerSecond);
        foreach (var q in result.Queries)
            Row("query", q.Name, 1, q.Executions, q.Results, null, null, q.PerSecond, q.P50Ms, q.P95Ms, q.P99Ms, q.MaxMs, q.MeanMs);
        if (result.Mix is { } mix) Row("mix", result.Name, mix.Clients, mix.Mixes, null, mix.Seconds, mix.CpuSeconds, mix.MixesPerHour, mix.P50Ms, mix.P95Ms, null, mix.MaxMs, mix.MeanMs);
        if (result.ConcurrentMix is { } cm)
        {
            Row("mix", result.Name, cm.Clients, cm.Mixes, null, cm.Seconds, cm.CpuSeconds, cm.MixesPerHour, cm.P50Ms, cm.P95Ms, null, cm.MaxMs, cm.MeanMs);
            foreach (var q in cm.Queries)
                Row("query_concurrent", q.Name, cm.Clients, q.Executions, q.Results, null, null, q.PerSecond, q.P50Ms, q.P95Ms, q.P99Ms, q.MaxMs, q.MeanMs);
        }
        return csv.ToString();
    }

    /// <summary>
    /// Writes <paramref name="path"/> as JSON, and the CSV beside it with the extension .csv (a path ending in
    /// .csv gets the JSON beside it with .json). Returns both paths.
    /// </summary>
    public static (string JsonPath, string CsvPath) Write(BenchmarkResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        string full = Path.GetFullPath(path);
        string jsonPath = full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Path.ChangeExtension(full, ".json") : full;
        string csvPath = Path.ChangeExtension(jsonPath, ".csv");
        if (string.Equals(jsonPath, csvPath, StringComparison.Ordinal)) csvPath = jsonPath + ".csv";
        var directory = Path.GetDirectoryName(jsonPath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(jsonPath, ToJson(result) + "\n");
        File.WriteAllText(csvPath, ToCsv(result));
        return (jsonPath, csvPath);
    }
}
