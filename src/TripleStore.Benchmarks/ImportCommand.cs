using System.Diagnostics;
using System.Globalization;
using TripleStore.Formats;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>import --in file[,file...] --store folder [--format F] [--budget MB]</c>: bulk-loads RDF files into a
/// fresh store with <see cref="RdfStore.Import(IEnumerable{string}, ImportOptions?, IProgress{ImportProgress}?, CancellationToken)"/>
/// and reports triples/s (wall and CPU) and the peak resident set size (VmHWM) of the process.
/// </summary>
public sealed class ImportCommand : IBenchmarkCommand
{
    public string Name => "import";

    public string Description => "import --in file[,file...] --store folder [--format nt|ttl|...] [--budget MB]  (measures the bulk import rate and peak RSS)";

    public int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var inputs = options.RequiredString("in").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string storePath = options.RequiredString("store");
        RdfFormat? format = null;
        if (options.String("format") is { } name)
        {
            if (!RdfFormats.TryParse(name, out var parsed)) throw new CommandLineException($"Unknown format '{name}'.");
            format = parsed;
        }
        int budgetMb = options.Int("budget", 512, min: 1);
        options.RejectUnknown();
        if (Directory.Exists(storePath) && Directory.EnumerateFileSystemEntries(storePath).Any())
            throw new CommandLineException($"The store folder {storePath} is not empty; the benchmark loads into a fresh store.");

        long bytes = inputs.Sum(f => new FileInfo(f).Length);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        ImportSummary summary;
        StoreStatistics statistics;
        using (var store = RdfStore.Open(storePath))
        {
            var progress = new Progress<ImportProgress>(p =>
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Elapsed.TotalSeconds,7:0.0} s {p.Phase,-10} {p.TriplesRead,14:N0}")));
            summary = store.Import(inputs, new ImportOptions { Format = format, MemoryBudgetBytes = (long)budgetMb << 20 }, progress);
            statistics = store.GetStatistics();
        }
        clock.Stop();
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(",", inputs.Select(Path.GetFileName))}: {summary.TriplesRead:N0} read, {summary.TriplesAdded:N0} added, " +
            $"{bytes / 1048576.0:0.0} MB in; import {summary.Elapsed.TotalSeconds:0.00} s = {summary.Rate:N0} triples/s (wall); " +
            $"process CPU {cpu:0.00} s; peak RSS {PeakRssMb():0} MB; store {statistics.SizeOnDisk / 1048576.0:0.0} MB, " +
            $"{statistics.DictionaryTerms:N0} dictionary terms"));
        return 0;
    }

    /// <summary>The process's peak resident set (VmHWM) in MiB, from /proc; 0 where there is no /proc.</summary>
    private static double PeakRssMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return 0;
        foreach (var line in File.ReadLines(status))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return 0;
    }
}
