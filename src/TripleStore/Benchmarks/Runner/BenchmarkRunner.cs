using System.Diagnostics;
using System.Globalization;
using System.Text;
using TripleStore.Reasoning;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Runs a benchmark end to end: generates the data set as N-Triples (reused when the file is already
/// there), bulk-loads it into an empty store, materializes (LUBM), then runs the queries: warm-up
/// rounds, measured rounds on one client, and measured rounds on N concurrent clients when asked.
/// Every answer is checked (see <see cref="QueryPhaseRunner"/>). Cancelling returns the result so far
/// with <see cref="BenchmarkResult.Canceled"/> set; a wrong answer throws.
/// </summary>
public static class BenchmarkRunner
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    /// <summary>Generated triples between two cancellation checks (a power of two).</summary>
    private const int GenerateCheckInterval = 1024;

    private static readonly TimeSpan GenerateReportInterval = TimeSpan.FromMilliseconds(100);

    public static BenchmarkResult Run(BenchmarkSettings settings, IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var workload = BenchmarkWorkload.Create(settings.Benchmark, settings.Scale, settings.Seed, settings.ParameterSeed, settings.Mixes);
        var expected = (settings.ExpectedCounts ?? ExpectedCounts.Default).For(workload);

        string? tempRoot = settings.StorePath is null || settings.DataDirectory is null
            ? Directory.CreateTempSubdirectory("triplestore-benchmark-").FullName
            : null;
        string storePath = settings.StorePath ?? Path.Combine(tempRoot!, "store");
        string dataDirectory = settings.DataDirectory ?? Path.Combine(tempRoot!, "data");
        if (Directory.Exists(storePath) && Directory.EnumerateFileSystemEntries(storePath).Any())
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"The store folder {storePath} is not empty; a benchmark loads into a fresh store. Give a new folder, or none for a temporary one.");

        var partial = new BenchmarkResult
        {
            Benchmark = workload.Kind.ToString().ToUpperInvariant(),
            Scale = workload.Scale,
            Seed = workload.Seed,
            ParameterSeed = workload.ParameterSeed,
            Warmup = settings.Warmup,
            Iterations = settings.Iterations,
            Clients = settings.Clients,
            ResultCache = settings.ResultCache,
            StartedUtc = DateTimeOffset.UtcNow,
            Commit = settings.Commit,
            Machine = BenchmarkMachine.Current(),
        };
        try
        {
            string dataFile = EnsureDataFile(workload, dataDirectory, progress, cancellation);
            cancellation.ThrowIfCancellationRequested();
            using var store = RdfStore.Open(storePath, StoreOptionsFor(settings));
            partial = partial with { Load = Load(store, dataFile, progress, cancellation) };
            if (workload.NeedsMaterialization)
                partial = partial with { Materialization = Materialize(store, progress, cancellation) };
            if (settings.CompileQueryEngine) CompileQueryEngine(progress, cancellation);
            return RunQueries(partial, workload, new StoreQueryExecutor(store, settings.QueryTimeout), expected, settings, progress, cancellation);
        }
        catch (Exception e) when (IsCancellation(e, cancellation))
        {
            return Finish(partial, completed: false);
        }
        finally
        {
            if (tempRoot is not null) TryDelete(tempRoot);
        }
    }

    /// <summary>
    /// Compiles the query engine before the first query (the store opened without it, so that it does not
    /// compete with the load for the cores): no measured execution pays for compiling an operator that an
    /// earlier instance's plan did not use (see <see cref="QueryEngineWarmup"/>).
    /// </summary>
    private static void CompileQueryEngine(IProgress<BenchmarkProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        QueryEngineWarmup.Start().Wait(cancellation);
        // The warm-up's reflection garbage is collected now rather than by a collection inside the measured mixes.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        progress?.Report(new BenchmarkProgress("Compile", string.Create(CultureInfo.InvariantCulture,
            $"query engine: {QueryEngineWarmup.MethodsPrepared:N0} methods prepared ({QueryEngineWarmup.Elapsed.TotalSeconds:0.0} s on its thread)"),
            0, 0, clock.Elapsed));
    }

    /// <summary>The built-in defaults, with the result cache on or off as asked (the process environment is not read).</summary>
    private static StoreOptions StoreOptionsFor(BenchmarkSettings settings)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Compiled after the load instead (CompileQueryEngine), where it cannot slow the load's figures.
        values["QueryEngineWarmup"] = false;
        if (!settings.ResultCache) values["ResultCacheEntries"] = 0L;
        return Configuration.StoreConfiguration.Resolve(options: values, environment: new System.Collections.Hashtable()).ToStoreOptions();
    }

    /// <summary>
    /// The query phases alone, against any executor (e.g. a peer's SPARQL endpoint that already holds the
    /// same data). <paramref name="partial"/> carries what earlier phases measured.
    /// </summary>
    public static BenchmarkResult RunQueries(BenchmarkResult partial, BenchmarkWorkload workload, IQueryExecutor executor, ExpectedCountSet? expected,
        BenchmarkSettings settings, IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellation = default, IBenchmarkClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentNullException.ThrowIfNull(settings);
        var runner = new QueryPhaseRunner(workload, executor, clock, expected);
        partial = partial with { Executor = executor.Name, CountsVerified = runner.HasExpectedCounts };
        try
        {
            runner.Warmup(settings.Warmup, progress, cancellation);
            var single = runner.Measure(1, settings.Iterations, settings.Warmup, progress, cancellation, out bool canceled);
            partial = partial with { Queries = single.Queries, Mix = single.Mixes > 0 ? single with { Queries = [] } : null };
            if (canceled) return Finish(partial, completed: false, runner);
            if (settings.Clients > 1)
            {
                var concurrent = runner.Measure(settings.Clients, settings.Iterations, settings.Warmup + settings.Iterations, progress, cancellation, out canceled);
                partial = partial with { ConcurrentMix = concurrent };
                if (canceled) return Finish(partial, completed: false, runner);
            }
            return Finish(partial, completed: true, runner);
        }
        catch (Exception e) when (IsCancellation(e, cancellation))
        {
            return Finish(partial, completed: false, runner);
        }
    }

    private static BenchmarkResult Finish(BenchmarkResult result, bool completed, QueryPhaseRunner? runner = null) => result with
    {
        ObservedCounts = runner?.ObservedCounts() ?? result.ObservedCounts,
        Completed = completed,
        Canceled = !completed,
        CountsVerified = completed && result.CountsVerified,
        Machine = result.Machine with { LoadAverageAtEnd = BenchmarkMachine.LoadAverage() },
    };

    private static bool IsCancellation(Exception e, CancellationToken cancellation) =>
        cancellation.IsCancellationRequested && (e is OperationCanceledException || e is TripleStoreException { Kind: ErrorKind.Canceled });

    private static string EnsureDataFile(BenchmarkWorkload workload, string directory, IProgress<BenchmarkProgress>? progress, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, workload.DataFileName);
        if (File.Exists(path)) return path;
        // Written under a temporary name and renamed, so a canceled or failed generation never leaves a
        // truncated file that a later run would take for the data set; the temporary file is deleted.
        string partialPath = path + ".partial";
        var clock = Stopwatch.StartNew();
        long triples = 0;
        var nextReport = TimeSpan.Zero;
        Report();
        try
        {
            using (var writer = new StreamWriter(partialPath, false, Utf8NoBom, 1 << 16))
                NTriplesOutput.Write(Checked(workload.Data(cancellation)), writer);
            cancellation.ThrowIfCancellationRequested();
            File.Move(partialPath, path, overwrite: true);
        }
        catch
        {
            TryDeleteFile(partialPath);
            throw;
        }
        Report();
        return path;

        // The generators check the token per department or entity; this also checks it every
        // GenerateCheckInterval triples and reports progress at most every GenerateReportInterval.
        IEnumerable<Rdf.Quad> Checked(IEnumerable<Rdf.Quad> quads)
        {
            foreach (var quad in quads)
            {
                if ((++triples & (GenerateCheckInterval - 1)) == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (clock.Elapsed >= nextReport) Report();
                }
                yield return quad;
            }
        }

        void Report()
        {
            nextReport = clock.Elapsed + GenerateReportInterval;
            progress?.Report(new BenchmarkProgress("Generate", string.Create(CultureInfo.InvariantCulture, $"{workload.Name}: {triples:N0} triples written"), 0, 0, clock.Elapsed));
        }
    }

    private static LoadMeasurement Load(RdfStore store, string dataFile, IProgress<BenchmarkProgress>? progress, CancellationToken cancellation)
    {
        var importProgress = progress is null ? null : new Forward<ImportProgress>(p => progress.Report(
            new BenchmarkProgress("Load", string.Create(CultureInfo.InvariantCulture, $"{p.Phase}: {p.TriplesRead:N0} triples read"), 0, 0, p.Elapsed)));
        var (summary, cpu) = Timed(() => store.Import([dataFile], new ImportOptions(), importProgress, cancellation));
        return new LoadMeasurement { Triples = summary.TriplesRead, Seconds = summary.Elapsed.TotalSeconds, CpuSeconds = cpu };
    }

    private static MaterializeMeasurement Materialize(RdfStore store, IProgress<BenchmarkProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var reasoningProgress = progress is null ? null : new Forward<MaterializeProgress>(p => progress.Report(
            new BenchmarkProgress("Materialize", string.Create(CultureInfo.InvariantCulture, $"{p.Phase}, iteration {p.Iteration}: {p.FactsSoFar:N0} facts"), 0, 0, clock.Elapsed)));
        var (result, cpu) = Timed(() => store.Materialize(new MaterializeOptions { Profile = ReasoningProfile.Owl2Rl, Full = true }, reasoningProgress, cancellation));
        return new MaterializeMeasurement { Derived = result.Derived, Iterations = result.Iterations, Seconds = result.Duration.TotalSeconds, CpuSeconds = cpu };
    }

    private static (T Result, double CpuSeconds) Timed<T>(Func<T> run)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = run();
        process.Refresh();
        return (result, (process.TotalProcessorTime - before).TotalSeconds);
    }

    private static void TryDeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind under its .partial name, which no run takes for a data set.
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is not worth failing a finished run for.
        }
    }

    /// <summary>Reports synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Forward<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
