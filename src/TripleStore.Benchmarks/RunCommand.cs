using System.Diagnostics;
using System.Globalization;
using TripleStore.Benchmarks.Runner;

namespace TripleStore.Benchmarks;

/// <summary>
/// <c>run lubm|bsbm --scale N ...</c>: the whole benchmark through <see cref="BenchmarkRunner"/> (generate,
/// load, materialize for LUBM, warm-up, measured queries on one and on N clients), printing the results
/// table (Markdown, as published in docs/performance.md) on standard output and progress on standard error.
/// With <c>--endpoint</c> only the query phases run, against a peer's SPARQL endpoint loaded with the same
/// data file. Ctrl+C stops the run and still prints and writes what was measured.
/// </summary>
public sealed class RunCommand : IBenchmarkCommand
{
    public string Name => "run";

    public string Description =>
        "run lubm|bsbm --scale N [--seed S] [--param-seed P] [--mixes M] [--warmup W] [--iterations I] [--clients C] " +
        "[--cache on|off] [--engine-warmup on|off] [--store dir] [--data dir] [--out result.json] [--baseline old.json] [--threshold 0.2] [--commit id] " +
        "[--expected counts.json] [--record-counts counts.json] [--endpoint url --peer name]  (runs a benchmark, prints the table)";

    public int Run(string[] args)
    {
        if (args.Length == 0)
            throw new CommandLineException("Say which benchmark: 'run lubm --scale 10' or 'run bsbm --scale 2785'.");
        var kind = args[0].ToLowerInvariant() switch
        {
            "lubm" => BenchmarkKind.Lubm,
            "bsbm" => BenchmarkKind.Bsbm,
            _ => throw new CommandLineException($"Unknown benchmark '{args[0]}'; use lubm or bsbm."),
        };
        var options = CommandLineOptions.Parse(args[1..]);
        var settings = new BenchmarkSettings
        {
            Benchmark = kind,
            Scale = options.Int("scale", kind == BenchmarkKind.Lubm ? 1 : 2785, min: 1),
            Seed = options.UInt64("seed", 0),
            ParameterSeed = options.UInt64("param-seed", 1),
            Mixes = options.Int("mixes", BsbmWorkload.DefaultMixes, min: 1),
            Warmup = options.Int("warmup", 2, min: 0),
            Iterations = options.Int("iterations", 10, min: 1),
            Clients = options.Int("clients", 1, min: 1),
            ResultCache = OnOff(options, "cache", false),
            CompileQueryEngine = OnOff(options, "engine-warmup", true),
            StorePath = options.String("store"),
            DataDirectory = options.String("data"),
            Commit = options.String("commit") ?? GitCommit(),
        };
        string? output = options.String("out");
        string? baselinePath = options.String("baseline");
        double threshold = Double(options, "threshold", BenchmarkComparison.DefaultThreshold);
        string? expectedPath = options.String("expected");
        string? recordPath = options.String("record-counts");
        string? endpoint = options.String("endpoint");
        string peer = options.String("peer") ?? "peer";
        options.RejectUnknown();

        if (recordPath is not null)
            settings = settings with { ExpectedCounts = new ExpectedCounts([]) };
        else if (expectedPath is not null)
            settings = settings with { ExpectedCounts = ExpectedCounts.Load(expectedPath) };
        var baseline = baselinePath is null ? null : BenchmarkReport.Load(baselinePath);

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("Stopping; the results so far will be kept.");
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        BenchmarkResult result;
        using var jitTrace = JitTrace.StartIfAsked();
        try
        {
            var progress = new ConsoleProgress(jitTrace);
            result = endpoint is null
                ? BenchmarkRunner.Run(settings, progress, stop.Token)
                : RunOnEndpoint(settings, new Uri(endpoint), peer, progress, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (baseline is not null)
            result = result with { Comparison = BenchmarkComparison.Compare(result, baseline, threshold) };
        if (output is not null)
        {
            var (json, csv) = BenchmarkReport.Write(result, output);
            Console.Error.WriteLine($"Results: {json}, {csv}");
        }
        if (recordPath is not null && result.Completed && result.ObservedCounts is { } observed)
        {
            var file = File.Exists(recordPath) ? ExpectedCounts.Load(recordPath) : new ExpectedCounts([]);
            file.With(observed).Save(recordPath);
            Console.Error.WriteLine($"Recorded the answer counts of {result.Name} seed {result.Seed} in {recordPath}.");
        }
        Console.Write(BenchmarkTable.Markdown(result));
        jitTrace?.Print(Console.Error);
        foreach (var regression in result.Regressions)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"REGRESSION {regression.Metric}: {regression.Baseline:0.###} -> {regression.Current:0.###} ({regression.Change:+0.0%;-0.0%})"));
        if (result.Canceled) return 130;
        return result.Regressions.Any() ? 3 : 0;
    }

    private static BenchmarkResult RunOnEndpoint(BenchmarkSettings settings, Uri endpoint, string peer, IProgress<BenchmarkProgress> progress, CancellationToken cancellation)
    {
        var workload = BenchmarkWorkload.Create(settings.Benchmark, settings.Scale, settings.Seed, settings.ParameterSeed, settings.Mixes);
        using var executor = new SparqlEndpointExecutor(endpoint, peer);
        var start = new BenchmarkResult
        {
            Benchmark = settings.Benchmark.ToString().ToUpperInvariant(),
            Scale = settings.Scale,
            Seed = settings.Seed,
            ParameterSeed = workload.ParameterSeed,
            Warmup = settings.Warmup,
            Iterations = settings.Iterations,
            Clients = settings.Clients,
            StartedUtc = DateTimeOffset.UtcNow,
            Commit = settings.Commit,
            Machine = BenchmarkMachine.Current(),
        };
        var expected = (settings.ExpectedCounts ?? ExpectedCounts.Default).For(workload);
        // SPARQL leaves DESCRIBE's answer to the implementation (Virtuoso adds the triples pointing at the
        // resource), so a peer's DESCRIBE is held only to giving the same count every time.
        var forms = workload.Round(0).ToDictionary(q => q.Name, q => SparqlEndpointExecutor.QueryForm(q.Text));
        if (expected is not null)
            expected = expected with { Counts = expected.Counts.Where(kv => forms.GetValueOrDefault(kv.Key) != "DESCRIBE").ToDictionary(kv => kv.Key, kv => kv.Value) };
        return BenchmarkRunner.RunQueries(start, workload, executor, expected, settings, progress, cancellation);
    }

    private static bool OnOff(CommandLineOptions options, string name, bool defaultValue) => options.String(name)?.ToLowerInvariant() switch
    {
        null => defaultValue,
        "on" or "true" => true,
        "off" or "false" => false,
        var text => throw new CommandLineException($"Option --{name} must be on or off, not '{text}'."),
    };

    private static double Double(CommandLineOptions options, string name, double defaultValue)
    {
        var text = options.String(name);
        if (text is null) return defaultValue;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0)
            throw new CommandLineException($"Option --{name} must be a non-negative number, not '{text}'.");
        return value;
    }

    private static string? GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null) return null;
            string text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>One line per phase change, and at most one every two seconds within a phase.</summary>
    private sealed class ConsoleProgress : IProgress<BenchmarkProgress>
    {
        private readonly Lock _lock = new();
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private readonly JitTrace? _jitTrace;
        private string? _phase;

        public ConsoleProgress(JitTrace? jitTrace = null) => _jitTrace = jitTrace;

        public void Report(BenchmarkProgress value)
        {
            if (value.Phase == "Warmup" && value.Completed == value.Total) _jitTrace?.Record();
            lock (_lock)
            {
                if (value.Phase == _phase && _since.Elapsed.TotalSeconds < 2) return;
                _phase = value.Phase;
                _since.Restart();
                string percent = value.PercentComplete >= 0 ? $" {value.PercentComplete,3}%" : "";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {value.Elapsed.TotalSeconds,7:0.0} s {value.Phase,-11}{percent} {value.Detail}"));
            }
        }
    }
}
