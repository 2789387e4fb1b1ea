using System.Globalization;
using System.Runtime.InteropServices;

namespace TripleStore.Benchmarks.Runner;

/// <summary>Where a run was measured: wall times mean little without the machine and its load.</summary>
public sealed record BenchmarkMachine
{
    public int ProcessorCount { get; init; }
    public string OperatingSystem { get; init; } = "";
    public string Runtime { get; init; } = "";

    /// <summary>The 1-minute load average when the run started (Linux /proc/loadavg; null elsewhere).</summary>
    public double? LoadAverageAtStart { get; init; }

    /// <summary>The 1-minute load average when the run ended.</summary>
    public double? LoadAverageAtEnd { get; init; }

    public static BenchmarkMachine Current() => new()
    {
        ProcessorCount = Environment.ProcessorCount,
        OperatingSystem = RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
        LoadAverageAtStart = LoadAverage(),
    };

    /// <summary>The 1-minute load average, or null where /proc/loadavg does not exist.</summary>
    public static double? LoadAverage()
    {
        try
        {
            const string path = "/proc/loadavg";
            if (!File.Exists(path)) return null;
            var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
