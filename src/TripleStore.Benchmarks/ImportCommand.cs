using System.Diagnostics;
using System.Globalization;
using TripleStore.Formats;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>import --in file[,file...] --store folder [--format F] [--budget MB] [--preset NAME] [--query-runs N]</c>:
/// bulk-loads RDF files into a fresh store (opened with the configuration preset, if given) with <see cref="RdfStore.Import(IEnumerable{string}, ImportOptions?, IProgress{ImportProgress}?, CancellationToken)"/>
/// and reports triples/s (wall and CPU) and the peak resident set size (VmHWM) of the process.
/// </summary>
public sealed class ImportCommand : IBenchmarkCommand
{
    public string Name => "import";

    public string Description => "import --in file[,file...] --store folder [--format nt|ttl|...] [--budget MB] [--preset NAME] [--query-runs N]  (measures the bulk import rate and peak RSS; with --query-runs, LUBM query latency after reopening)";

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
        int budgetMb = options.Int("budget", (int)(ImportOptions.DefaultMemoryBudgetBytes >> 20), min: 1);
        string? preset = options.String("preset");
        int queryRuns = options.Int("query-runs", 0, min: 0);
        options.RejectUnknown();
        // Only the preset: the benchmark must not pick up TRIPLESTORE_* variables of the machine.
        var configuration = Configuration.StoreConfiguration.Resolve(preset, environment: new System.Collections.Hashtable());
        if (Directory.Exists(storePath) && Directory.EnumerateFileSystemEntries(storePath).Any())
            throw new CommandLineException($"The store folder {storePath} is not empty; the benchmark loads into a fresh store.");

        long bytes = inputs.Sum(f => new FileInfo(f).Length);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        ImportSummary summary;
        StoreStatistics statistics;
        // The import's own CPU time: the statistics read afterwards scan the whole store and cost several seconds more.
        double importCpu;
        double importPeakMb;
        using (var store = RdfStore.Open(storePath, configuration.ToStoreOptions()))
        {
            var progress = new Progress<ImportProgress>(p =>
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Elapsed.TotalSeconds,7:0.0} s {p.Phase,-10} {p.TriplesRead,14:N0}")));
            summary = store.Import(inputs, new ImportOptions { Format = format, MemoryBudgetBytes = (long)budgetMb << 20 }, progress);
            process.Refresh();
            importCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            importPeakMb = PeakRssMb();
            statistics = store.GetStatistics();
        }
        clock.Stop();
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(",", inputs.Select(Path.GetFileName))}: {summary.TriplesRead:N0} read, {summary.TriplesAdded:N0} added, " +
            $"{bytes / 1048576.0:0.0} MB in; import {summary.Elapsed.TotalSeconds:0.00} s = {summary.Rate:N0} triples/s (wall); " +
            $"process CPU {cpu:0.00} s (import {importCpu:0.00} s); peak RSS {PeakRssMb():0} MB (import {importPeakMb:0} MB); store {statistics.SizeOnDisk / 1048576.0:0.0} MB, " +
            $"{statistics.DictionaryTerms:N0} dictionary terms; preset {preset ?? "(defaults)"}"));
        if (queryRuns > 0) RunQueries(storePath, configuration, queryRuns);
        return 0;
    }

    /// <summary>
    /// Reopens the store (cold block cache) and runs each LUBM query <paramref name="runs"/> times,
    /// reading every row; prints the first (cold) run and the median of the others, wall and CPU.
    /// </summary>
    private static void RunQueries(string storePath, Configuration.StoreConfiguration configuration, int runs)
    {
        using var store = RdfStore.Open(storePath, configuration.ToStoreOptions());
        using var process = Process.GetCurrentProcess();
        double totalWarm = 0;
        var cpuBefore = process.TotalProcessorTime;
        foreach (var query in Lubm.LubmQueries.All)
        {
            var times = new List<double>();
            long rows = 0;
            for (int i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                rows = Count(store.Query(query.Text));
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var warm = times.Skip(1).Order().ToList();
            double median = warm.Count == 0 ? times[0] : warm[warm.Count / 2];
            totalWarm += median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {query.Name,-4} rows {rows,8:N0}  cold {times[0],9:0.0} ms  warm median {median,9:0.0} ms"));
        }
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queries: sum of warm medians {totalWarm:0.0} ms; process CPU for all runs {(process.TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s"));
    }

    private static long Count(Sparql.SparqlResult result) => result switch
    {
        Sparql.SolutionSequence rows => rows.LongCount(),
        Sparql.GraphResult triples => triples.LongCount(),
        _ => 1,
    };

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
