using System.Globalization;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Compares a run with a baseline run of the same benchmark, scale and seed: each query's p50 and p95,
/// the load rate, the materialization time and the mixes per hour. A metric regresses when it got worse
/// by more than the threshold (a fraction: 0.2 = 20%). Latency changes smaller than the noise floor
/// (<see cref="DefaultNoiseFloorMs"/> unless given) never count, so sub-millisecond jitter does not flag a query.
/// </summary>
public static class BenchmarkComparison
{
    public const double DefaultThreshold = 0.20;
    public const double DefaultNoiseFloorMs = 0.5;

    public static IReadOnlyList<BenchmarkDelta> Compare(BenchmarkResult current, BenchmarkResult baseline,
        double threshold = DefaultThreshold, double noiseFloorMs = DefaultNoiseFloorMs)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        if (threshold < 0 || double.IsNaN(threshold))
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, $"The regression threshold must be 0 or more, not {threshold}.");
        if (!string.Equals(current.Benchmark, baseline.Benchmark, StringComparison.OrdinalIgnoreCase)
            || current.Scale != baseline.Scale || current.Seed != baseline.Seed || current.ParameterSeed != baseline.ParameterSeed)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                string.Create(CultureInfo.InvariantCulture,
                    $"The baseline measured {baseline.Name} seed {baseline.Seed} (parameters {baseline.ParameterSeed}), this run {current.Name} seed {current.Seed} (parameters {current.ParameterSeed}); only runs of the same workload compare."));

        var deltas = new List<BenchmarkDelta>();
        void HigherIsWorse(string metric, double before, double now, double floor)
        {
            double change = before > 0 ? (now - before) / before : 0;
            deltas.Add(new BenchmarkDelta { Metric = metric, Baseline = before, Current = now, Change = change,
                IsRegression = change > threshold && now - before > floor });
        }
        void LowerIsWorse(string metric, double before, double now)
        {
            double change = before > 0 ? (before - now) / before : 0;
            deltas.Add(new BenchmarkDelta { Metric = metric, Baseline = before, Current = now, Change = change, IsRegression = change > threshold });
        }

        if (current.Load is { } load && baseline.Load is { } baseLoad)
            LowerIsWorse("Load triples/s", baseLoad.TriplesPerSecond, load.TriplesPerSecond);
        if (current.Materialization is { } mat && baseline.Materialization is { } baseMat)
            HigherIsWorse("Materialize s", baseMat.Seconds, mat.Seconds, 0);
        foreach (var query in current.Queries)
        {
            if (baseline.Queries.FirstOrDefault(q => q.Name == query.Name) is not { } before) continue;
            HigherIsWorse(query.Name + " p50 ms", before.P50Ms, query.P50Ms, noiseFloorMs);
            HigherIsWorse(query.Name + " p95 ms", before.P95Ms, query.P95Ms, noiseFloorMs);
        }
        if (current.Mix is { } mix && baseline.Mix is { } baseMix)
            LowerIsWorse("Mixes/hour (1 client)", baseMix.MixesPerHour, mix.MixesPerHour);
        if (current.ConcurrentMix is { } cm && baseline.ConcurrentMix is { } baseCm && cm.Clients == baseCm.Clients)
            LowerIsWorse(string.Create(CultureInfo.InvariantCulture, $"Mixes/hour ({cm.Clients} clients)"), baseCm.MixesPerHour, cm.MixesPerHour);
        return deltas;
    }
}
