using System.Globalization;
using System.Text;
using TripleStore.Benchmarks.Runner;

namespace TripleStore.Benchmarks;

/// <summary>The Markdown tables that docs/performance.md publishes, made from one run's result.</summary>
public static class BenchmarkTable
{
    public static string Markdown(BenchmarkResult result)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var machine = result.Machine;
        Line($"### {result.Name}, seed {result.Seed}{(result.Benchmark == "BSBM" ? $", parameter seed {result.ParameterSeed}" : "")}: {result.Executor}");
        Line($"");
        Line($"{result.StartedUtc:yyyy-MM-dd HH:mm} UTC, commit {result.Commit ?? "unknown"}, {machine.ProcessorCount} cores, load average {Load(machine.LoadAverageAtStart)} at start and {Load(machine.LoadAverageAtEnd)} at end; warm-up {result.Warmup}, {result.Iterations} measured rounds; result cache {(result.ResultCache ? "on" : "off")}{(result.Completed ? "" : "; CANCELED, partial results")}; answer counts {(result.CountsVerified ? "checked against the recorded ones" : "NOT checked (none recorded for this scale and seed)")}.");
        Line($"");
        if (result.Load is { } load || result.Materialization is not null)
        {
            Line($"| Phase | Triples | Wall | CPU | Rate (wall) |");
            Line($"|---|---:|---:|---:|---:|");
            if (result.Load is { } l)
                Line($"| Load (bulk import of N-Triples) | {l.Triples:N0} | {l.Seconds:0.00} s | {l.CpuSeconds:0.00} s | {l.TriplesPerSecond:N0} triples/s |");
            if (result.Materialization is { } m)
                Line($"| Materialize (OWL 2 RL, {m.Iterations} iterations) | {m.Derived:N0} derived | {m.Seconds:0.00} s | {m.CpuSeconds:0.00} s | {m.DerivedPerSecond:N0} derived/s |");
            Line($"");
        }
        if (result.Queries.Count > 0)
        {
            bool hits = result.ResultCache && result.Queries.Any(q => q.CacheHits is not null);
            Line($"| Query | Results | p50 ms | p95 ms | p99 ms | max ms | mean ms | per s |{(hits ? " cache hits |" : "")}");
            Line($"|---|---:|---:|---:|---:|---:|---:|---:|{(hits ? "---:|" : "")}");
            foreach (var q in result.Queries)
                Line($"| {q.Name} | {q.Results:N0}{(q.Instances > 1 ? $" ({q.Instances} instances)" : "")} | {q.P50Ms:0.00} | {q.P95Ms:0.00} | {q.P99Ms:0.00} | {q.MaxMs:0.00} | {q.MeanMs:0.00} | {q.PerSecond:N1} |{(hits ? $" {q.CacheHits} of {q.Executions} |" : "")}");
            Line($"");
        }
        foreach (var mix in new[] { result.Mix, result.ConcurrentMix })
        {
            if (mix is null) continue;
            Line($"{(result.Benchmark == "BSBM" ? "Query mixes" : "Rounds of Q1–Q14")} on {mix.Clients} client{(mix.Clients > 1 ? "s" : "")}: {mix.Mixes} in {mix.Seconds:0.00} s wall ({mix.CpuSeconds:0.00} s CPU) = {mix.MixesPerHour:N0} per hour; per round p50 {mix.P50Ms:0.0} ms, p95 {mix.P95Ms:0.0} ms{(result.ResultCache && mix.CacheHits is long h ? $"; result cache hits {h:N0} of {h + (mix.CacheMisses ?? 0):N0} lookups ({mix.CacheHitRatio ?? 0:P0})" : "")}.");
            // What ran inside the measured latencies besides the queries' own work: first-time compilation of
            // code the warm-up did not reach, and garbage collections.
            var jitted = result.Queries.Where(q => q.JitMs >= 0.05).ToList();
            if (mix.Clients == 1 && result.Load is not null && mix.Collections.Length > 0)
                Line($"During the measured mixes: JIT {mix.JitMs:0.0} ms{(jitted.Count > 0 ? $" (inside queries: {string.Join(", ", jitted.Select(q => $"{q.Name} {q.JitMs!.Value.ToString("0.0", CultureInfo.InvariantCulture)}"))})" : "")}; garbage collections gen0/1/2 {string.Join("/", mix.Collections)}.");
            if (mix.Clients > 1 && mix.Queries.Count > 0)
                Line($"Per query on {mix.Clients} clients, p95 ms: {string.Join(", ", mix.Queries.Select(q => $"{q.Name} {q.P95Ms.ToString("0.0", CultureInfo.InvariantCulture)}"))}.");
            Line($"");
        }
        if (result.Comparison.Count > 0)
        {
            Line($"| Metric | Baseline | Now | Change | |");
            Line($"|---|---:|---:|---:|---|");
            foreach (var d in result.Comparison)
                Line($"| {d.Metric} | {d.Baseline:0.###} | {d.Current:0.###} | {d.Change:+0.0%;-0.0%} | {(d.IsRegression ? "REGRESSION" : "")} |");
            Line($"");
        }
        return md.ToString();
    }

    private static string Load(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "n/a";
}
