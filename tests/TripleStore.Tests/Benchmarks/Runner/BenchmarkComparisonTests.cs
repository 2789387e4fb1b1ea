using TripleStore.Benchmarks.Runner;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Benchmarks.Runner;

public class BenchmarkComparisonTests
{
    private static BenchmarkResult Run(double q1P95, double q2P50, double loadSeconds, double mixSeconds) => new()
    {
        Benchmark = "LUBM",
        Scale = 1,
        Load = new LoadMeasurement { Triples = 100_000, Seconds = loadSeconds },
        Materialization = new MaterializeMeasurement { Derived = 1000, Seconds = 2 },
        Queries =
        [
            new QueryMeasurement { Name = "Q1", P50Ms = 10, P95Ms = q1P95 },
            new QueryMeasurement { Name = "Q2", P50Ms = q2P50, P95Ms = 1 },
        ],
        Mix = new MixMeasurement { Clients = 1, Mixes = 10, Seconds = mixSeconds },
    };

    [Fact]
    public void FlagsOnlyWhatGotWorseBeyondTheThreshold()
    {
        var baseline = Run(q1P95: 20, q2P50: 0.2, loadSeconds: 1, mixSeconds: 10);
        var current = Run(q1P95: 30, q2P50: 0.6, loadSeconds: 1.1, mixSeconds: 20);

        var deltas = BenchmarkComparison.Compare(current, baseline, threshold: 0.2);

        var regressions = deltas.Where(d => d.IsRegression).Select(d => d.Metric).ToArray();
        // Q1 p95 +50% is flagged; Q2 p50 tripled but by 0.4 ms, under the noise floor; load is 9% slower,
        // within 20%; mixes per hour halved.
        Assert.Equal(["Q1 p95 ms", "Mixes/hour (1 client)"], regressions);
        var q1 = deltas.Single(d => d.Metric == "Q1 p95 ms");
        Assert.Equal(0.5, q1.Change, 9);
        Assert.Equal(20, q1.Baseline);
        Assert.Equal(30, q1.Current);
        var load = deltas.Single(d => d.Metric == "Load triples/s");
        Assert.Equal(1 - 1 / 1.1, load.Change, 9);
        Assert.False(load.IsRegression);
        Assert.Equal(0.5, deltas.Single(d => d.Metric.StartsWith("Mixes/hour")).Change, 9);
    }

    [Fact]
    public void AFasterRunHasNoRegressions()
    {
        var deltas = BenchmarkComparison.Compare(Run(10, 0.1, 0.5, 5), Run(20, 0.2, 1, 10), threshold: 0);
        Assert.DoesNotContain(deltas, d => d.IsRegression);
        Assert.All(deltas, d => Assert.True(d.Change <= 0));
    }

    [Fact]
    public void RunsOfDifferentWorkloadsDoNotCompare()
    {
        var other = Run(20, 0.2, 1, 10) with { Scale = 10 };
        var error = Assert.Throws<TripleStoreException>(() => BenchmarkComparison.Compare(Run(20, 0.2, 1, 10), other));
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Contains("LUBM(10)", error.Message);
    }

    [Fact]
    public void AWrittenResultReadsBackAsABaseline()
    {
        using var folder = new TempFolder();
        var result = Run(20, 0.2, 1, 10) with { Commit = "abc123", Clients = 2, ObservedCounts = null };

        var (json, csv) = BenchmarkReport.Write(result, folder.Combine("run.json"));
        var baseline = BenchmarkReport.Load(json);

        Assert.Equal(result.Queries, baseline.Queries);
        Assert.Equal(result.Load, baseline.Load);
        Assert.Equal("abc123", baseline.Commit);
        Assert.All(BenchmarkComparison.Compare(result, baseline), d => Assert.Equal(0, d.Change));
        var lines = File.ReadAllLines(csv);
        Assert.Equal(BenchmarkReport.CsvHeader, lines[0]);
        Assert.Equal("load,LUBM(1),1,100000,,1,0,100000,,,,,", lines[1]);
        Assert.StartsWith("query,Q1,1,0,0,,,0,10,20,", lines[3]);
        Assert.StartsWith("mix,LUBM(1),1,10,,10,0,3600,", lines[5]);
    }

    [Fact]
    public void AFileThatIsNoResultIsAConfigurationError()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("bad.json"), "{ \"Benchmark\": ");
        var error = Assert.Throws<TripleStoreException>(() => BenchmarkReport.Load(folder.Combine("bad.json")));
        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Equal(ErrorCodes.FileNotFound, Assert.Throws<TripleStoreException>(() => BenchmarkReport.Load(folder.Combine("none.json"))).ErrorCode);
    }
}
