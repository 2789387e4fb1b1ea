namespace TripleStore.Benchmarks;

/// <summary>
/// Summary statistics of latency samples (any unit; the benchmarks use milliseconds).
/// Percentiles use linear interpolation between closest ranks, the "R-7" definition that Excel's
/// PERCENTILE.INC and NumPy's default use: for p in [0, 1] over n sorted samples x[0..n-1], take the
/// position h = (n - 1)·p and return x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). So p50 of an even number
/// of samples is the mean of the two middle ones, p0 is the minimum and p100 the maximum.
/// </summary>
public sealed class LatencyStatistics
{
    private LatencyStatistics(int count, double min, double max, double mean, double p50, double p95, double p99)
    {
        Count = count;
        Min = min;
        Max = max;
        Mean = mean;
        P50 = p50;
        P95 = p95;
        P99 = p99;
    }

    public int Count { get; }
    public double Min { get; }
    public double Max { get; }
    public double Mean { get; }
    public double P50 { get; }
    public double P95 { get; }
    public double P99 { get; }

    /// <summary>Computes the statistics; the samples need not be sorted. Throws if there are none or one is not finite.</summary>
    public static LatencyStatistics FromSamples(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("Latency statistics need at least one sample.", nameof(samples));
        foreach (var s in sorted)
            if (!double.IsFinite(s))
                throw new ArgumentException($"Latency sample {s} is not a finite number.", nameof(samples));
        Array.Sort(sorted);
        return new LatencyStatistics(
            sorted.Length,
            sorted[0],
            sorted[^1],
            sorted.Average(),
            PercentileOfSorted(sorted, 0.50),
            PercentileOfSorted(sorted, 0.95),
            PercentileOfSorted(sorted, 0.99));
    }

    /// <summary>Statistics of durations, in milliseconds.</summary>
    public static LatencyStatistics FromDurations(IEnumerable<TimeSpan> durations) =>
        FromSamples(durations.Select(d => d.TotalMilliseconds));

    /// <summary>
    /// The <paramref name="fraction"/> percentile (0.95 for p95) of samples already sorted ascending,
    /// by linear interpolation (see the type's remarks).
    /// </summary>
    public static double PercentileOfSorted(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("A percentile needs at least one sample.", nameof(sorted));
        if (fraction is < 0 or > 1 || double.IsNaN(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be between 0 and 1.");
        double position = (sorted.Count - 1) * fraction;
        int lower = (int)Math.Floor(position);
        if (lower >= sorted.Count - 1) return sorted[^1];
        double weight = position - lower;
        return sorted[lower] + weight * (sorted[lower + 1] - sorted[lower]);
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} mean={Mean:0.###} p50={P50:0.###} p95={P95:0.###} p99={P99:0.###} max={Max:0.###}");
}
