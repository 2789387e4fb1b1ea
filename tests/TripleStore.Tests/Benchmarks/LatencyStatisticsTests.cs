using TripleStore.Benchmarks;
using Xunit;

namespace TripleStore.Tests.Benchmarks;

public class LatencyStatisticsTests
{
    [Fact]
    public void OneToTenInterpolatesBetweenClosestRanks()
    {
        // Sorted 1..10: position h = 9p. p50 → h=4.5 → 5 + 0.5·(6−5) = 5.5;
        // p95 → h=8.55 → 9 + 0.55·1 = 9.55; p99 → h=8.91 → 9.91.
        var stats = LatencyStatistics.FromSamples([7, 3, 10, 1, 5, 2, 9, 4, 8, 6]);
        Assert.Equal(10, stats.Count);
        Assert.Equal(1, stats.Min);
        Assert.Equal(10, stats.Max);
        Assert.Equal(5.5, stats.Mean, 12);
        Assert.Equal(5.5, stats.P50, 12);
        Assert.Equal(9.55, stats.P95, 12);
        Assert.Equal(9.91, stats.P99, 12);
    }

    [Fact]
    public void UnevenGapsAreInterpolatedWithinTheGap()
    {
        // Sorted 10, 20, 40, 80, 1000: h = 4p. p50 → h=2 → exactly 40;
        // p95 → h=3.8 → 80 + 0.8·920 = 816; p99 → h=3.96 → 80 + 0.96·920 = 963.2.
        var stats = LatencyStatistics.FromSamples([1000, 10, 80, 40, 20]);
        Assert.Equal(40, stats.P50, 12);
        Assert.Equal(816, stats.P95, 9);
        Assert.Equal(963.2, stats.P99, 9);
        Assert.Equal(230, stats.Mean, 12);
        Assert.Equal(1000, stats.Max);
    }

    [Fact]
    public void ASingleSampleIsEveryPercentile()
    {
        var stats = LatencyStatistics.FromSamples([4.25]);
        Assert.Equal(4.25, stats.P50);
        Assert.Equal(4.25, stats.P99);
        Assert.Equal(4.25, stats.Max);
    }

    [Fact]
    public void PercentileEndsAreMinimumAndMaximum()
    {
        double[] sorted = [2, 4, 8];
        Assert.Equal(2, LatencyStatistics.PercentileOfSorted(sorted, 0));
        Assert.Equal(8, LatencyStatistics.PercentileOfSorted(sorted, 1));
        Assert.Equal(6, LatencyStatistics.PercentileOfSorted(sorted, 0.75)); // h = 1.5 → 4 + 0.5·4
    }

    [Fact]
    public void DurationsAreSummarizedInMilliseconds()
    {
        var stats = LatencyStatistics.FromDurations([TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3)]);
        Assert.Equal(2, stats.P50, 12);
        Assert.Equal(2, stats.Mean, 12);
    }

    [Fact]
    public void EmptyOrNonFiniteSamplesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => LatencyStatistics.FromSamples([]));
        Assert.Throws<ArgumentException>(() => LatencyStatistics.FromSamples([1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyStatistics.PercentileOfSorted([1.0], 1.5));
    }
}
