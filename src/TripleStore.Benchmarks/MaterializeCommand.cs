using System.Diagnostics;
using System.Globalization;
using TripleStore.Benchmarks.Lubm;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Reasoning;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>materialize --store folder [--universities N] [--profile owl2rl|rdfs] [--updates K] [--sequential] [--existing]</c>:
/// loads LUBM(N) with the univ-bench ontology into a fresh store, materializes it in full, then inserts
/// K triples (of a further university) and re-materializes incrementally, then deletes them and does so again.
/// With <c>--existing</c> the store is one loaded before (a copy of a loaded store, to time runs without reloading).
/// </summary>
public sealed class MaterializeCommand : IBenchmarkCommand
{
    public string Name => "materialize";

    public string Description => "materialize --store folder [--universities 10] [--profile owl2rl|rdfs] [--updates 1000] [--sequential] [--existing]  (full and incremental materialization)";

    public int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args, "sequential", "existing");
        string storePath = options.RequiredString("store");
        int universities = options.Int("universities", 10, min: 1);
        int updates = options.Int("updates", 1000, min: 0);
        var profile = (options.String("profile") ?? "owl2rl").ToLowerInvariant() switch
        {
            "owl2rl" or "owl" => ReasoningProfile.Owl2Rl,
            "rdfs" => ReasoningProfile.Rdfs,
            var other => throw new CommandLineException($"Unknown profile '{other}' (owl2rl or rdfs)."),
        };
        bool parallel = !options.Has("sequential");
        bool existing = options.Has("existing");
        options.RejectUnknown();
        if (!existing && Directory.Exists(storePath) && Directory.EnumerateFileSystemEntries(storePath).Any())
            throw new CommandLineException($"The store folder {storePath} is not empty; the benchmark loads into a fresh store.");

        using var store = RdfStore.Open(storePath);
        var clock = Stopwatch.StartNew();
        if (!existing)
            using (var reader = RdfParser.Create(new StringReader(UnivBenchOntology.Turtle), RdfFormat.Turtle))
                store.ImportQuads(reader.ReadAll().Concat(new LubmGenerator(universities).Generate()).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LUBM({universities}): {store.Count():N0} asserted triples loaded in {clock.Elapsed.TotalSeconds:0.0} s"));

        var run = new MaterializeOptions { Profile = profile, Parallel = parallel };
        var phases = new PhaseLog();
        Report("full", Timed(() => store.Materialize(run with { Full = true }, phases)));

        var extra = new LubmGenerator(1, seed: 7, firstUniversityIndex: universities).Generate().Take(updates).ToList();
        store.AddRange(extra);
        Report($"insert {extra.Count}", Timed(() => store.Materialize(run)));
        store.RemoveRange(extra);
        Report($"delete {extra.Count}", Timed(() => store.Materialize(run)));
        return 0;
    }

    /// <summary>Prints each progress report with the time since the run started, synchronously.</summary>
    private sealed class PhaseLog : IProgress<MaterializeProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void Report(MaterializeProgress value)
        {
            using var process = Process.GetCurrentProcess();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {_clock.Elapsed.TotalSeconds,7:0.00} s wall {(process.TotalProcessorTime - _cpu).TotalSeconds,7:0.00} s CPU {value.Phase,-12} iteration {value.Iteration,3} {value.FactsSoFar,12:N0}"));
        }
    }

    /// <summary>The run and the process CPU time it took (wall time alone misleads on a shared machine).</summary>
    private static (MaterializeResult, double) Timed(Func<MaterializeResult> run)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = run();
        process.Refresh();
        return (result, (process.TotalProcessorTime - before).TotalMilliseconds);
    }

    private static void Report(string what, (MaterializeResult Result, double CpuMs) run)
    {
        var result = run.Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-12} CPU {run.CpuMs,9:N0} ms  wall {(result.Incremental ? "incremental" : "full"),-11} {result.Duration.TotalMilliseconds,9:N0} ms  " +
            $"+{result.Derived:N0} -{result.Removed:N0} derived (total {result.TotalDerived:N0}), {result.Iterations} iterations, " +
            $"{result.Derived / Math.Max(1e-9, result.Duration.TotalSeconds):N0} derived/s, {result.Inconsistencies.Count} inconsistencies"));
    }
}
