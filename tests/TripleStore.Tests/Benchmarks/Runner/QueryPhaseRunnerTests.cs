using TripleStore.Benchmarks.Runner;
using Xunit;

namespace TripleStore.Tests.Benchmarks.Runner;

public class QueryPhaseRunnerTests
{
    [Fact]
    public void MetricsOfAKnownWorkloadAreExact()
    {
        // Two warm-up rounds cost 1 s per query and must not show up anywhere. Then five measured rounds:
        // A takes 10, 20, 30, 40, 50 ms; B always 5 ms.
        var workload = new FakeWorkload(1, "A", "B");
        var clock = new FakeClock();
        var executor = new FakeExecutor(clock, (q, n) => n <= 4 ? 1000 : q.Name == "A" ? ALatency(n) : 5, q => q.Name == "A" ? 3 : 7);
        var runner = new QueryPhaseRunner(workload, executor, clock);

        runner.Warmup(2, null, default);
        var mix = runner.Measure(1, 5, 2, null, default, out bool canceled);

        Assert.False(canceled);
        Assert.Equal(14, executor.Executions);
        var a = mix.Queries.Single(q => q.Name == "A");
        Assert.Equal(5, a.Executions);
        Assert.Equal(10, a.MinMs, 9);
        Assert.Equal(30, a.P50Ms, 9);
        Assert.Equal(48, a.P95Ms, 9);      // position 0.95·4 = 3.8: 40 + 0.8·10
        Assert.Equal(49.6, a.P99Ms, 9);    // position 3.96: 40 + 0.96·10
        Assert.Equal(50, a.MaxMs, 9);
        Assert.Equal(30, a.MeanMs, 9);
        Assert.Equal(5 / 0.150, a.PerSecond, 6);
        Assert.Equal(3, a.Results);
        Assert.Equal(1, a.Instances);
        var b = mix.Queries.Single(q => q.Name == "B");
        Assert.Equal(5, b.P95Ms, 9);
        Assert.Equal(200, b.PerSecond, 6);
        Assert.Equal(7, b.Results);

        // Rounds take A + B: 15, 25, 35, 45, 55 ms, 175 ms in all.
        Assert.Equal(5, mix.Mixes);
        Assert.Equal(1, mix.Clients);
        Assert.Equal(0.175, mix.Seconds, 9);
        Assert.Equal(5 / 0.175 * 3600, mix.MixesPerHour, 6);
        Assert.Equal(35, mix.P50Ms, 9);
        Assert.Equal(53, mix.P95Ms, 9);
        Assert.Equal(55, mix.MaxMs, 9);
        Assert.Equal(35, mix.MeanMs, 9);
    }

    // Executions 5, 7, 9, 11, 13 are A's measured ones (A and B alternate after the four warm-up runs).
    private static double ALatency(int execution) => (execution - 3) / 2 * 10;

    [Fact]
    public void CompilationAndCollectionsInsideTheMeasuredQueriesAreReported()
    {
        // A's first measured execution compiles a new method on the executing thread (as a plan shape the
        // warm-up did not meet would); B's executions collect garbage.
        var workload = new FakeWorkload(1, "A", "B");
        var clock = new FakeClock();
        var executor = new FakeExecutor(clock, (_, _) => 1, _ => 1)
        {
            BeforeExecution = n =>
            {
                if (n == 1) CompileAndRun();
                if (n % 2 == 0) GC.Collect(0);
            },
        };
        var runner = new QueryPhaseRunner(workload, executor, clock);

        var mix = runner.Measure(1, 3, 0, null, default, out _);

        Assert.True(mix.Queries.Single(q => q.Name == "A").JitMs > 0);
        Assert.NotNull(mix.Queries.Single(q => q.Name == "B").JitMs);
        Assert.True(mix.JitMs >= mix.Queries.Single(q => q.Name == "A").JitMs!.Value - 0.001);
        Assert.Equal(GC.MaxGeneration + 1, mix.Collections.Length);
        Assert.True(mix.Collections[0] >= 3, $"{mix.Collections[0]} gen0 collections");

        // With several clients a thread's compilation is not one query's: no per-query figure.
        var concurrent = runner.Measure(2, 1, 0, null, default, out _);
        Assert.All(concurrent.Queries, q => Assert.Null(q.JitMs));
    }

    /// <summary>Builds and calls a method that did not exist before, so the JIT compiles it on this thread.</summary>
    private static void CompileAndRun()
    {
        var method = new System.Reflection.Emit.DynamicMethod("AddOne" + Guid.NewGuid().ToString("N"), typeof(int), [typeof(int)], typeof(QueryPhaseRunnerTests).Module);
        var il = method.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldarg_0);
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4_1);
        il.Emit(System.Reflection.Emit.OpCodes.Add);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        Assert.Equal(42, ((Func<int, int>)method.CreateDelegate(typeof(Func<int, int>)))(41));
    }

    [Fact]
    public void ConcurrentClientsEachRunTheirRounds()
    {
        var workload = new FakeWorkload(4, "A", "B", "C");
        var clock = new FakeClock();
        var executor = new FakeExecutor(clock, (_, _) => 2, q => q.Text.Length);
        var runner = new QueryPhaseRunner(workload, executor, clock);

        var mix = runner.Measure(3, 4, 0, null, default, out bool canceled);

        Assert.False(canceled);
        Assert.Equal(3, mix.Clients);
        Assert.Equal(12, mix.Mixes);
        Assert.Equal(36, executor.Executions);
        Assert.All(mix.Queries, q => Assert.Equal(12, q.Executions));
        Assert.All(mix.Queries, q => Assert.Equal(4, q.Instances));
        Assert.Equal(0.072, mix.Seconds, 9); // 36 executions of 2 ms on the shared fake clock
        Assert.Equal(12 / 0.072 * 3600, mix.MixesPerHour, 6);
    }

    [Fact]
    public void AWrongCountStopsTheRunLoudly()
    {
        var workload = new FakeWorkload(2, "A", "B");
        var clock = new FakeClock();
        var expected = new ExpectedCountSet
        {
            Benchmark = "BSBM", Scale = 1, Seed = 0, Rounds = 2,
            Counts = new Dictionary<string, long[]> { ["A"] = [3, 3], ["B"] = [7, 8] },
        };
        var executor = new FakeExecutor(clock, (_, _) => 1, q => q.Name == "A" ? 3 : 7);
        var runner = new QueryPhaseRunner(workload, executor, clock, expected);

        runner.Warmup(1, null, default); // round 0 matches
        var error = Assert.Throws<TripleStoreException>(() => runner.Measure(1, 3, 1, null, default, out _));

        Assert.Equal(ErrorCodes.BenchmarkWrongAnswer, error.ErrorCode);
        Assert.Contains("B (mix 1) with 7 results, but 8 were recorded", error.Message);
        Assert.Equal(4, executor.Executions); // stopped at the first wrong answer
    }

    [Fact]
    public void WithoutRecordedCountsTheSameQueryMustGiveTheSameCountEveryTime()
    {
        var workload = new FakeWorkload(1, "A");
        var clock = new FakeClock();
        int calls = 0;
        var flaky = new FakeExecutor(clock, (_, _) => 1, _ => ++calls == 3 ? 41 : 42);
        var runner = new QueryPhaseRunner(workload, flaky, clock);

        var error = Assert.Throws<TripleStoreException>(() => runner.Measure(1, 5, 0, null, default, out _));

        Assert.Equal(ErrorCodes.BenchmarkWrongAnswer, error.ErrorCode);
        Assert.Contains("with 41 results, but 42 were returned by an earlier execution", error.Message);
        Assert.False(runner.HasExpectedCounts);
    }

    [Fact]
    public void CancellationKeepsWhatWasMeasured()
    {
        var workload = new FakeWorkload(1, "A", "B");
        var clock = new FakeClock();
        using var stop = new CancellationTokenSource();
        var executor = new FakeExecutor(clock, (_, _) => 4, _ => 1) { BeforeExecution = n => { if (n == 6) stop.Cancel(); } };
        var settings = new BenchmarkSettings { Warmup = 0, Iterations = 10, Clients = 2 };
        var start = new BenchmarkResult { Benchmark = "BSBM", Scale = 1 };

        var result = BenchmarkRunner.RunQueries(start, workload, executor, null, settings, null, stop.Token, clock);

        Assert.True(result.Canceled);
        Assert.False(result.Completed);
        Assert.False(result.CountsVerified);
        Assert.Null(result.ConcurrentMix);
        Assert.Equal(3, result.Queries.Single(q => q.Name == "A").Executions);
        Assert.Equal(2, result.Queries.Single(q => q.Name == "B").Executions);
        Assert.Equal(2, result.Mix!.Mixes);
        Assert.Equal([1L], result.ObservedCounts!.Counts["A"]);
    }

    [Fact]
    public void ProgressCountsEveryMeasuredQuery()
    {
        var workload = new FakeWorkload(1, "A", "B");
        var clock = new FakeClock();
        var reports = new List<BenchmarkProgress>();
        var runner = new QueryPhaseRunner(workload, new FakeExecutor(clock, (_, _) => 1, _ => 1), clock);

        runner.Measure(1, 3, 0, new SyncProgress(reports.Add), default, out _);

        Assert.Equal(6, reports.Count);
        Assert.All(reports, r => Assert.Equal("Queries", r.Phase));
        Assert.Equal(100, reports[^1].PercentComplete);
        Assert.Equal(50, reports[2].PercentComplete);
    }

    private sealed class SyncProgress(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }
}
