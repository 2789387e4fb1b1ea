using TripleStore.Benchmarks;
using TripleStore.Benchmarks.Runner;
using TripleStore.Rdf;

namespace TripleStore.Tests.Benchmarks.Runner;

/// <summary>A workload of named queries and no data; the fake executor decides what they cost and return.</summary>
internal sealed class FakeWorkload(int distinctRounds, params string[] queries) : BenchmarkWorkload(BenchmarkKind.Bsbm, 1, 0)
{
    public override bool NeedsMaterialization => false;

    public override int DistinctRounds => distinctRounds;

    protected override IReadOnlyList<BenchmarkQuery> RoundFromPool(int poolIndex) =>
        queries.Select(q => new BenchmarkQuery(q, $"{q}#{poolIndex}")).ToArray();

    public override IEnumerable<Quad> Data(CancellationToken cancellation = default) => [];
}

/// <summary>A clock that only moves when told to; safe for concurrent clients.</summary>
internal sealed class FakeClock : IBenchmarkClock
{
    private long _ticks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Advance(double milliseconds) => Interlocked.Add(ref _ticks, TimeSpan.FromMilliseconds(milliseconds).Ticks);
}

/// <summary>
/// Executes a query by advancing the clock by the next latency scripted for it (cycling) and returning
/// its scripted count. Counts executions; can run an action before a given execution (e.g. cancel).
/// </summary>
internal sealed class FakeExecutor(FakeClock clock, Func<BenchmarkQuery, int, double> latencyMs, Func<BenchmarkQuery, long> count) : IQueryExecutor
{
    private int _executions;

    public string Name => "Fake";

    public int Executions => _executions;

    public Action<int>? BeforeExecution { get; init; }

    public long Execute(BenchmarkQuery query, CancellationToken cancellation)
    {
        int n = Interlocked.Increment(ref _executions);
        BeforeExecution?.Invoke(n);
        cancellation.ThrowIfCancellationRequested();
        clock.Advance(latencyMs(query, n));
        return count(query);
    }
}
