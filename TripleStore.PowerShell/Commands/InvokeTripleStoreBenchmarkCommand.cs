using System.Management.Automation;
using TripleStore.Benchmarks.Runner;
using TripleStore.PowerShell.Benchmarks;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Runs the LUBM or BSBM benchmark: load, materialize (LUBM), queries with percentiles; checks every answer.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "TripleStoreBenchmark", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BenchmarkRunResult))]
public sealed class InvokeTripleStoreBenchmarkCommand : TripleStoreCmdlet
{
    private const int ProgressId = 41;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>LUBM or BSBM.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("LUBM", "BSBM", IgnoreCase = true)]
    public string Benchmark { get; set; } = "";

    /// <summary>Universities (LUBM) or products (BSBM); default 1 and 100.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Scale { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, long.MaxValue)]
    public long Seed { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Warmup { get; set; } = 2;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Iterations { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 256)]
    public int Clients { get; set; } = 1;

    /// <summary>JSON result file; the CSV is written beside it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>A JSON result of an earlier run of the same benchmark, scale and seed to compare with.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Baseline { get; set; }

    /// <summary>How much worse (a fraction) a metric may get before it counts as a regression.</summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double Threshold { get; set; } = BenchmarkComparison.DefaultThreshold;

    /// <summary>A new or empty folder for the store; by default a temporary one, deleted afterwards.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    /// <summary>A folder where the generated N-Triples file is kept and reused; by default a temporary one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    /// <summary>Runs with the store's query result cache on (off by default, so that repeated mixes measure evaluation).</summary>
    [Parameter]
    public SwitchParameter ResultCache { get; set; }

    protected override void ProcessRecord()
    {
        var kind = string.Equals(Benchmark, "LUBM", StringComparison.OrdinalIgnoreCase) ? BenchmarkKind.Lubm : BenchmarkKind.Bsbm;
        int scale = Scale > 0 ? Scale : kind == BenchmarkKind.Lubm ? 1 : 100;
        var settings = new BenchmarkSettings
        {
            Benchmark = kind,
            Scale = scale,
            Seed = (ulong)Seed,
            Warmup = Warmup,
            Iterations = Iterations,
            Clients = Clients,
            ResultCache = ResultCache.IsPresent,
            StorePath = StorePath is null ? null : ResolveDestinationPath(StorePath),
            DataDirectory = DataPath is null ? null : ResolveDestinationPath(DataPath),
        };
        string name = $"{kind.ToString().ToUpperInvariant()}({scale})";
        if (!ShouldProcess(settings.StorePath ?? "a temporary store", $"Run the {name} benchmark")) return;

        BenchmarkResult? baseline = null;
        try
        {
            if (Baseline is not null) baseline = BenchmarkReport.Load(ResolveDestinationPath(Baseline));
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, Baseline);
        }

        WriteProgress(new ProgressRecord(ProgressId, $"Invoke-TripleStoreBenchmark {name}", "Starting"));
        var progress = new PhaseProgress();
        var run = Task.Run(() => BenchmarkRunner.Run(settings, progress, StopToken));
        while (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(ProgressInterval)) WriteProgress(name, progress);
        WriteProgress(name, progress);

        BenchmarkResult result;
        try
        {
            result = run.GetAwaiter().GetResult();
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, name);
            return;
        }
        if (baseline is not null)
        {
            try
            {
                result = result with { Comparison = BenchmarkComparison.Compare(result, baseline, Threshold) };
            }
            catch (TripleStoreException e)
            {
                WriteEngineError(e, Baseline);
            }
        }
        // Files first: after Ctrl+C the pipeline is stopping and writing objects fails, but the partial
        // result must still reach -OutFile.
        string? jsonPath = null, csvPath = null;
        if (OutFile is not null)
            (jsonPath, csvPath) = BenchmarkReport.Write(result, ResolveDestinationPath(OutFile));
        if (StopToken.IsCancellationRequested) return;

        WriteProgress(new ProgressRecord(ProgressId, "Invoke-TripleStoreBenchmark", "Done") { RecordType = ProgressRecordType.Completed });
        foreach (var regression in result.Regressions)
            WriteWarning($"{name}: {regression.Metric} regressed by {regression.Change:P1} ({regression.Baseline:0.###} -> {regression.Current:0.###}).");
        WriteObject(BenchmarkRunResult.From(result, jsonPath, csvPath));
    }

    /// <summary>Writes the phases begun since the last poll and the newest report.</summary>
    private void WriteProgress(string name, PhaseProgress progress)
    {
        foreach (var report in progress.Drain())
        {
            if (StopToken.IsCancellationRequested) return;
            try
            {
                WriteProgress(Describe(name, report));
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C came between the check and the write. Keep waiting: the run stops at its next
                // cancellation check and its partial result must still reach -OutFile.
                return;
            }
        }
    }

    private static ProgressRecord Describe(string name, BenchmarkProgress progress)
    {
        var record = new ProgressRecord(ProgressId, $"Invoke-TripleStoreBenchmark {name}", $"{progress.Phase}: {progress.Detail}");
        if (progress.PercentComplete >= 0) record.PercentComplete = progress.PercentComplete;
        return record;
    }
}
