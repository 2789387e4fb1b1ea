using System.Text.Json;
using System.Text.RegularExpressions;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// The recorded result counts that a benchmark run checks its answers against. The engine ships
/// <c>expected-counts.json</c> (next to this file) for the scales used in the tests and the published
/// figures; <c>TripleStore.Benchmarks run --record-counts file</c> adds a scale to it. Counts were taken
/// from this engine and cross-checked where the docs say so; a run whose answers differ stops with
/// <see cref="ErrorCodes.BenchmarkWrongAnswer"/>.
/// </summary>
public sealed partial class ExpectedCounts
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static readonly Lazy<ExpectedCounts> Shipped = new(() =>
        Parse(EmbeddedText.Read("TripleStore.Benchmarks.Runner.expected-counts.json"), "expected-counts.json (embedded)"));

    public ExpectedCounts(IEnumerable<ExpectedCountSet> sets) => Sets = sets.ToArray();

    public IReadOnlyList<ExpectedCountSet> Sets { get; }

    /// <summary>The counts shipped in the engine assembly.</summary>
    public static ExpectedCounts Default => Shipped.Value;

    /// <summary>The set recorded for <paramref name="workload"/>; null when its scale and seed were never recorded.</summary>
    public ExpectedCountSet? For(BenchmarkWorkload workload) => Sets.FirstOrDefault(s => s.Matches(workload));

    public static ExpectedCounts Load(string path)
    {
        if (!File.Exists(path))
            throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"Expected-counts file not found: {path}");
        return Parse(File.ReadAllText(path), path);
    }

    public static ExpectedCounts Parse(string json, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize<CountsFile>(json, Json)
                ?? throw new JsonException("The document is empty.");
            return new ExpectedCounts(file.Sets ?? []);
        }
        catch (JsonException e)
        {
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"{source} is not a valid expected-counts file: {e.Message}", e);
        }
    }

    /// <summary>This file's sets with <paramref name="set"/> added, replacing one for the same workload.</summary>
    public ExpectedCounts With(ExpectedCountSet set) =>
        new(Sets.Where(s => !(s.Benchmark.Equals(set.Benchmark, StringComparison.OrdinalIgnoreCase) && s.Scale == set.Scale
                               && s.Seed == set.Seed && s.ParameterSeed == set.ParameterSeed && s.Rounds == set.Rounds))
                .Append(set)
                .OrderBy(s => s.Benchmark, StringComparer.Ordinal).ThenBy(s => s.Scale).ThenBy(s => s.Seed));

    /// <summary>Indented JSON with each query's counts on one line.</summary>
    public string ToJson() =>
        CountArray().Replace(JsonSerializer.Serialize(new CountsFile { Sets = Sets.ToList() }, Json),
            m => "[" + string.Join(", ", m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) + "]");

    [GeneratedRegex(@"\[\s*(-?\d+(?:\s*,\s*-?\d+)*)\s*\]")]
    private static partial Regex CountArray();

    public void Save(string path) => File.WriteAllText(path, ToJson() + "\n");

    private sealed class CountsFile
    {
        public List<ExpectedCountSet>? Sets { get; set; }
    }
}
