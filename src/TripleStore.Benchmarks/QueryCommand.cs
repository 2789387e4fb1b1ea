using System.Diagnostics;
using System.Globalization;
using TripleStore.Benchmarks.Runner;
using TripleStore.Reasoning;
using TripleStore.Sparql;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>query lubm|bsbm --scale N --store folder [--names Q2,Q9] [--iterations I] [--explain] [--no-result-cache]</c>: times single
/// benchmark queries on a store kept between runs (loaded, and for LUBM materialized, on first use), printing
/// wall and process CPU time and the answer count per run; <c>--explain</c> prints the plan with row counts.
/// </summary>
public sealed class QueryCommand : IBenchmarkCommand
{
    public string Name => "query";

    public string Description =>
        "query lubm|bsbm --scale N --store folder [--seed S] [--param-seed P] [--names Q2,Q9] [--iterations 3] [--mixes M] [--explain] [--no-result-cache] [--no-engine-warmup] [--text query.rq]  (times queries on a kept store; waits for the query engine warm-up unless told not to)";

    public int Run(string[] args)
    {
        if (args.Length == 0) throw new CommandLineException("Say which benchmark: 'query lubm --scale 10 --store ./lubm10'.");
        var kind = args[0].ToLowerInvariant() switch
        {
            "lubm" => BenchmarkKind.Lubm,
            "bsbm" => BenchmarkKind.Bsbm,
            _ => throw new CommandLineException($"Unknown benchmark '{args[0]}'; use lubm or bsbm."),
        };
        var options = CommandLineOptions.Parse(args[1..], "explain", "no-result-cache", "no-engine-warmup");
        int scale = options.Int("scale", kind == BenchmarkKind.Lubm ? 1 : 2785, min: 1);
        string storePath = options.RequiredString("store");
        ulong seed = options.UInt64("seed", 0);
        ulong paramSeed = options.UInt64("param-seed", 1);
        int iterations = options.Int("iterations", 3, min: 1);
        int mixes = options.Int("mixes", BsbmWorkload.DefaultMixes, min: 1);
        var names = (options.String("names") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool explain = options.Has("explain");
        bool noResultCache = options.Has("no-result-cache");
        string? textFile = options.String("text");
        bool engineWarmup = !options.Has("no-engine-warmup");
        options.RejectUnknown();

        var workload = BenchmarkWorkload.Create(kind, scale, seed, paramSeed, mixes);
        using var jitTrace = JitTrace.StartIfAsked();
        jitTrace?.Record();
        bool fresh = !Directory.Exists(storePath) || !Directory.EnumerateFileSystemEntries(storePath).Any();
        using var store = RdfStore.Open(storePath, engineWarmup ? null : WithoutEngineWarmup());
        if (fresh)
        {
            var clock = Stopwatch.StartNew();
            store.ImportQuads(workload.Data());
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {store.Count():N0} triples in {clock.Elapsed.TotalSeconds:0.0} s"));
            if (workload.NeedsMaterialization)
            {
                clock.Restart();
                var r = store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Owl2Rl, Full = true });
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Materialized {r.Derived:N0} in {clock.Elapsed.TotalSeconds:0.0} s"));
            }
        }
        if (textFile is not null)
        {
            // A query from a file: its plan with row counts, then its time.
            string text = File.ReadAllText(textFile);
            for (int i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                var plan = store.Explain(text);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sw.Elapsed.TotalMilliseconds:0.##} ms"));
                if (i == 0 || explain) Console.WriteLine(plan.ToString());
            }
            return 0;
        }
        if (engineWarmup)
        {
            // The first executions then show the plan's own first-run work (reads, shared structures), not compilation.
            var clock = Stopwatch.StartNew();
            QueryEngineWarmup.Start().Wait();
            // Its reflection garbage is collected now, as `run` does, not by a collection inside a measured execution.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Query engine warm-up: {QueryEngineWarmup.MethodsPrepared:N0} methods prepared, {QueryEngineWarmup.MethodsSkipped:N0} skipped (first: {QueryEngineWarmup.FirstSkipped ?? "none"}), {QueryEngineWarmup.Elapsed.TotalSeconds:0.00} s on its thread (waited {clock.Elapsed.TotalSeconds:0.00} s)"));
        }
        jitTrace?.Mark("queries");
        var executor = new StoreQueryExecutor(store, useResultCache: !noResultCache);
        var process = Process.GetCurrentProcess();
        var selected = names.Length == 0 ? workload.QueryNames : names;
        foreach (var name in selected)
        {
            var wall = new List<double>();
            var cpu = new List<double>();
            // What else ran inside each execution: JIT compilation (ms of this process, all threads) and
            // garbage collections (gen0/1/2 counts), so a slow run can be told apart from a slow plan.
            var jit = new List<double>();
            var gcs = new List<string>();
            long count = -1;
            for (int i = 0; i < iterations; i++)
            {
                var query = workload.Round(i % workload.DistinctRounds).FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new CommandLineException($"No query named {name}.");
                jitTrace?.Mark($"{name} execution {i + 1}");
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var jit0 = System.Runtime.JitInfo.GetCompilationTime(currentThread: false);
                int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
                var sw = Stopwatch.StartNew();
                count = executor.Execute(query, CancellationToken.None);
                wall.Add(sw.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
                jit.Add((System.Runtime.JitInfo.GetCompilationTime(currentThread: false) - jit0).TotalMilliseconds);
                int d0 = GC.CollectionCount(0) - g0, d1 = GC.CollectionCount(1) - g1, d2 = GC.CollectionCount(2) - g2;
                gcs.Add(d0 + d1 + d2 == 0 ? "-" : $"{d0}/{d1}/{d2}");
                if (explain && i < workload.DistinctRounds) Console.WriteLine(store.Explain(query.Text).ToString());
            }
            string inOrder = string.Join(" ", wall.Select(w => w.ToString("0.#", CultureInfo.InvariantCulture)));
            string cpuInOrder = string.Join(" ", cpu.Select(w => w.ToString("0.#", CultureInfo.InvariantCulture)));
            string jitInOrder = string.Join(" ", jit.Select(w => w.ToString("0.#", CultureInfo.InvariantCulture)));
            wall.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: rows={count} wall p50={wall[wall.Count / 2]:0.##} ms max={wall[^1]:0.##} ms; cpu p50={cpu[cpu.Count / 2]:0.##} ms  (in run order, wall: {inOrder}; cpu: {cpuInOrder}; jit: {jitInOrder}; gc 0/1/2: {string.Join(" ", gcs)})"));
        }
        jitTrace?.Print(Console.Error);
        return 0;
    }

    private static StoreOptions WithoutEngineWarmup() =>
        TripleStore.Configuration.StoreConfiguration.Resolve(
            options: new Dictionary<string, object?> { ["QueryEngineWarmup"] = false },
            environment: new System.Collections.Hashtable()).ToStoreOptions();
}
