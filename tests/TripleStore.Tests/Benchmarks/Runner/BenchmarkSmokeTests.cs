using TripleStore.Benchmarks.Runner;
using TripleStore.Rdf;
using TripleStore.Tests.Storage;
using Xunit;

namespace TripleStore.Tests.Benchmarks.Runner;

/// <summary>
/// Whole runs at small scale through the real store. They check answer counts against the recorded
/// ones (the runner throws on a mismatch) and the shape of the result, never timings.
/// </summary>
public class BenchmarkSmokeTests
{
    [Fact]
    public void Lubm1LoadsMaterializesAndAnswersEveryQueryAsRecorded()
    {
        using var folder = new TempFolder();
        var settings = new BenchmarkSettings { Benchmark = BenchmarkKind.Lubm, Scale = 1, Warmup = 0, Iterations = 1, DataDirectory = folder.Combine("data") };

        var result = BenchmarkRunner.Run(settings);

        Assert.True(result.Completed);
        Assert.True(result.CountsVerified);
        Assert.Equal(129_010, result.Load!.Triples); // 128,717 generated + 293 of the ontology
        Assert.True(result.Materialization!.Derived > 0);
        var expected = ExpectedCounts.Default.For(new LubmWorkload(1))!;
        Assert.Equal(Enumerable.Range(1, 14).Select(n => $"Q{n}"), result.Queries.Select(q => q.Name));
        Assert.All(result.Queries, q => Assert.Equal(expected.Counts[q.Name][0], q.Results));
        Assert.True(File.Exists(folder.Combine("data/lubm-1-seed0.nt")));
    }

    [Fact]
    public void TinyBsbmRunsMixesOnOneAndTwoClientsAsRecorded()
    {
        using var folder = new TempFolder();
        var settings = new BenchmarkSettings
        {
            Benchmark = BenchmarkKind.Bsbm, Scale = 100, Warmup = 1, Iterations = 2, Clients = 2,
            StorePath = folder.Combine("store"), DataDirectory = folder.Combine("data"),
        };

        var result = BenchmarkRunner.Run(settings);

        Assert.True(result.Completed);
        Assert.True(result.CountsVerified);
        Assert.Null(result.Materialization);
        Assert.Equal(12, result.Queries.Count);
        Assert.All(result.Queries, q => Assert.Equal(2, q.Executions));
        Assert.Equal(2, result.Mix!.Mixes);
        Assert.Equal(2, result.ConcurrentMix!.Clients);
        Assert.Equal(4, result.ConcurrentMix.Mixes);
        var expected = ExpectedCounts.Default.For(new BsbmWorkload(100))!;
        // Warm-up round 0, measured rounds 1-2, and rounds 3-6 on the two clients: seven mixes of the pool.
        foreach (var (name, counts) in result.ObservedCounts!.Counts)
        {
            for (int mix = 0; mix < 7; mix++) Assert.Equal(expected.Counts[name][mix], counts[mix]);
            Assert.Equal(-1, counts[7]);
        }
        Assert.True(Directory.Exists(folder.Combine("store")));
    }

    [Fact]
    public void AWrongRecordedCountFailsTheRunInsteadOfTimingIt()
    {
        using var folder = new TempFolder();
        var shipped = ExpectedCounts.Default.For(new BsbmWorkload(100))!;
        var counts = shipped.Counts.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        counts["Q2"][0] += 1;
        var settings = new BenchmarkSettings
        {
            Benchmark = BenchmarkKind.Bsbm, Scale = 100, Warmup = 0, Iterations = 1, DataDirectory = folder.Combine("data"),
            ExpectedCounts = new ExpectedCounts([shipped with { Counts = counts }]),
        };

        var error = Assert.Throws<TripleStoreException>(() => BenchmarkRunner.Run(settings));

        Assert.Equal(ErrorCodes.BenchmarkWrongAnswer, error.ErrorCode);
        Assert.Contains($"Q2 (mix 0) with {counts["Q2"][0] - 1} results, but {counts["Q2"][0]} were recorded", error.Message);
    }

    [Fact]
    public void ARunIntoAStoreThatHoldsDataIsRefused()
    {
        using var folder = new TempFolder();
        using (var store = RdfStore.Open(folder.Combine("store"))) store.Add(new Quad(new Iri("http://e/s"), new Iri("http://e/p"), new Iri("http://e/o")));

        var error = Assert.Throws<TripleStoreException>(() => BenchmarkRunner.Run(new BenchmarkSettings { StorePath = folder.Combine("store") }));

        Assert.Equal(ErrorCodes.Configuration, error.ErrorCode);
        Assert.Contains("not empty", error.Message);
    }

    [Fact]
    public void CancelingDuringTheQueriesKeepsLoadAndMaterialization()
    {
        using var folder = new TempFolder();
        using var stop = new CancellationTokenSource();
        var progress = new CancelOnPhase("Queries", stop);
        var settings = new BenchmarkSettings { Benchmark = BenchmarkKind.Bsbm, Scale = 100, Warmup = 1, Iterations = 50, DataDirectory = folder.Combine("data") };

        var result = BenchmarkRunner.Run(settings, progress, stop.Token);

        Assert.True(result.Canceled);
        Assert.NotNull(result.Load);
        Assert.NotEmpty(result.Queries);
        Assert.True(result.Queries.Sum(q => q.Executions) < 50 * 12);
    }

    [Fact]
    public void GenerationReportsProgressFromTheStartAndCancelingItLeavesNoDataFile()
    {
        using var folder = new TempFolder();
        using var stop = new CancellationTokenSource();
        var reports = new List<BenchmarkProgress>();
        var progress = new Recording(p =>
        {
            reports.Add(p);
            // Stop once generation has visibly moved on.
            if (p.Phase == "Generate" && !p.Detail.EndsWith(": 0 triples written", StringComparison.Ordinal)) stop.Cancel();
        });
        var settings = new BenchmarkSettings { Benchmark = BenchmarkKind.Lubm, Scale = 3, Warmup = 0, Iterations = 1, DataDirectory = folder.Combine("data") };

        var result = BenchmarkRunner.Run(settings, progress, stop.Token);

        Assert.True(result.Canceled);
        Assert.False(result.Completed);
        Assert.Null(result.Load);
        Assert.Equal("Generate", reports[0].Phase);
        Assert.Equal("LUBM(3): 0 triples written", reports[0].Detail);
        Assert.All(reports, r => Assert.Equal("Generate", r.Phase));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Combine("data")));
    }

    private sealed class Recording(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }

    private sealed class CancelOnPhase(string phase, CancellationTokenSource stop) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value)
        {
            if (value.Phase == phase) stop.Cancel();
        }
    }
}
