using System.Diagnostics;
using System.Management.Automation;

namespace TripleStore.PowerShell.Tests;

/// <summary>
/// Ctrl+C (PowerShell.Stop(), which is what the console host calls) stops each long-running cmdlet within
/// a second and leaves the store as it was; the long ones show progress meanwhile. One row per cmdlet: a
/// new long-running cmdlet is one more row.
/// </summary>
[Collection(ModuleCollection.Name)]
public sealed class CancellationTests(ModuleFixture module, CancellationTests.LargeData data, TripleStore.Tests.Remote.VirtuosoServer virtuoso, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<CancellationTests.LargeData>, IClassFixture<TripleStore.Tests.Remote.VirtuosoServer>
{
    /// <summary>How long the command runs before it is stopped.</summary>
    private static readonly TimeSpan RunBeforeStop = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A stopping cmdlet. {big} is a large N-Triples file, {store} a store holding it, {backup} a verified
    /// backup of that store, {out} an empty folder of the row's own, {endpoint} a private Virtuoso's SPARQL
    /// endpoint and {graph} a graph IRI of the row's own. Setup runs first, then Command is
    /// started and stopped, then Check runs in the same session and writes nothing when all is well.
    /// ShowsProgress: the cmdlet has written progress by the time it is stopped.
    /// </summary>
    public sealed record Row(string Setup, string Command, string Check, bool ShowsProgress = false);

    private const string StoreUnchanged = "if ((Get-TripleStoreStatistics).Quads -ne {quads}) { 'the store changed: ' + (Get-TripleStoreStatistics).Quads }";

    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>
    {
        ["Import-Rdf"] = new("Open-TripleStore '{out}/store' | Out-Null", "Import-Rdf '{big}'",
            "if ((Get-TripleStoreStatistics).Quads -ne 0) { 'a stopped import left quads' }; if (-not (Test-TripleStore).IsConsistent) { 'inconsistent' }",
            ShowsProgress: true),
        ["Export-Rdf"] = new("Open-TripleStore '{store}' | Out-Null", "Export-Rdf -Path '{out}/big.nq'",
            "if (Test-Path '{out}/big.nq') { 'a stopped export left its file' }; " + StoreUnchanged, ShowsProgress: true),
        ["Convert-Rdf"] = new("", "Convert-Rdf '{big}' '{out}/big.nq'",
            "if (Test-Path '{out}/big.nq') { 'a stopped conversion left its file' }"),
        ["Test-Rdf"] = new("", "Test-Rdf '{big}'", ""),
        ["Invoke-Sparql"] = new("Open-TripleStore '{store}' | Out-Null", "Invoke-Sparql 'SELECT (COUNT(*) AS ?n) { ?a ?p ?o . ?b ?p ?o }'",
            StoreUnchanged),
        ["Backup-TripleStore"] = new("Open-TripleStore '{store}' | Out-Null", "Backup-TripleStore -Destination '{out}/backups'",
            "if (@(Get-ChildItem -Force '{out}/backups' -ErrorAction Ignore).Count) { 'a stopped backup left: ' + (Get-ChildItem -Force -Name '{out}/backups') }; " + StoreUnchanged, ShowsProgress: true),
        ["Restore-TripleStore"] = new("", "Restore-TripleStore '{backup}' '{out}/restored' -Confirm:$false",
            "if (@(Get-ChildItem -Force '{out}' -ErrorAction Ignore).Count) { 'a stopped restore left: ' + (Get-ChildItem -Force -Name '{out}') }",
            ShowsProgress: true),
        ["Test-TripleStore"] = new("Open-TripleStore '{store}' | Out-Null", "Test-TripleStore", StoreUnchanged),
        // Remote: a query whose answer Virtuoso takes seconds to compute (a filtered cross join of its own
        // system graph), stopped while the client waits for the response headers.
        ["Invoke-Sparql (remote)"] = new("Open-TripleStore -Endpoint '{endpoint}' | Out-Null",
            "Invoke-Sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?a ?b ?c . ?d ?e ?f } FILTER(STR(?c) < STR(?f)) }'",
            "if (-not (Invoke-Sparql 'ASK { }')) { 'the remote store no longer answers' }"),
        // Remote: a chunked import (300 INSERT DATA requests of 2,000), stopped between or during requests;
        // nothing is sent after the stop (a request already in flight may still land, whole), so once that
        // one is done the remote count does not move any more.
        ["Import-Rdf (remote)"] = new("Open-TripleStore -Endpoint '{endpoint}' -ImportChunkSize 2000 | Out-Null",
            "Import-Rdf '{big}' -Graph '{graph}'",
            "$count = { (Invoke-Sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <{graph}> { ?s ?p ?o } }').n }; " +
            "Start-Sleep -Milliseconds 2000; $n1 = & $count; Start-Sleep -Milliseconds 1500; $n2 = & $count; " +
            "if ($n1 -ne $n2) { \"chunks landed after the stop: $n1 then $n2\" }; if ($n2 -ge {quads}) { 'the whole file landed' }; " +
            "if ($n2 % 2000 -ne 0) { \"a partial chunk landed: $n2\" }",
            ShowsProgress: true),
        ["Invoke-TripleStoreBenchmark"] = new("",
            "Invoke-TripleStoreBenchmark -Benchmark LUBM -Scale 1 -Warmup 1 -Iterations 3 -StorePath '{out}/bench-store' -DataPath '{out}/bench-data' -OutFile '{out}/bench.json'",
            "$r = Get-Content -Raw '{out}/bench.json' | ConvertFrom-Json; if (-not $r.Canceled -or $r.Completed) { 'the partial result is not marked canceled' }; " +
            "if (Test-Path '{out}/bench-data/*.partial') { 'a stopped generation left its partial file' }",
            ShowsProgress: true),
    };

    public static TheoryData<string> Cmdlets() => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Ctrl_C_stops_the_cmdlet_within_a_second_and_leaves_the_store_consistent(string cmdlet)
    {
        var row = Rows[cmdlet];
        using var outFolder = new TempFolder();
        var graph = $"http://example.org/cancel/{Guid.NewGuid():N}";
        string Fill(string script) => script.Replace("{big}", data.BigFile).Replace("{store}", data.StorePath)
            .Replace("{backup}", data.BackupPath).Replace("{out}", outFolder.Path).Replace("{quads}", data.Quads.ToString())
            .Replace("{endpoint}", virtuoso.SparqlEndpoint.ToString()).Replace("{graph}", graph);

        using var runspace = module.OpenRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        if (row.Setup.Length > 0)
        {
            ps.AddScript(Fill(row.Setup)).Invoke();
            Assert.Empty(ps.Streams.Error);
            ps.Commands.Clear();
        }

        ps.AddScript(Fill(row.Command));
        var results = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, results);
        Thread.Sleep(RunBeforeStop);
        Assert.False(invocation.IsCompleted, $"{cmdlet} finished in under {RunBeforeStop.TotalMilliseconds} ms, so stopping it proves nothing; make the input larger.");
        if (row.ShowsProgress) Assert.True(ps.Streams.Progress.Count > 0, $"{cmdlet} wrote no progress in {RunBeforeStop.TotalMilliseconds} ms.");
        var stopping = Stopwatch.StartNew();
        ps.Stop();
        stopping.Stop();
        output.WriteLine($"{cmdlet}: stopped in {stopping.ElapsedMilliseconds} ms ({data.Quads:N0} quads)");

        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(1), $"{cmdlet} took {stopping.ElapsedMilliseconds} ms to stop.");
        if (row.Check.Length > 0)
        {
            ps.Commands.Clear();
            ps.Streams.Error.Clear();
            var problems = ps.AddScript(Fill(row.Check)).Invoke();
            Assert.Empty(ps.Streams.Error);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    /// <summary>Input large enough that every row's command runs for seconds: a big file, a store holding it, a backup of that store.</summary>
    public sealed class LargeData : IDisposable
    {
        private const int Triples = 600_000;
        private readonly TempFolder _folder = new();

        public LargeData()
        {
            var module = new ModuleFixture();
            BigFile = _folder.File("big.nt");
            using (var writer = new StreamWriter(BigFile))
            {
                for (int i = 0; i < Triples; i++)
                    writer.Write($"<http://example.org/s{i / 10}> <http://example.org/p{i % 40}> \"value {i}: a literal long enough to make the file large\" .\n");
            }
            StorePath = _folder.File("store");
            var run = module.Run($"""
                $ProgressPreference = 'SilentlyContinue'
                Open-TripleStore '{StorePath}' | Out-Null
                (Import-Rdf '{BigFile}').TriplesAdded
                (Backup-TripleStore -Destination '{_folder.File("backups")}').Path
                """);
            if (run.Errors.Count > 0) throw new InvalidOperationException(string.Join("\n", run.Errors));
            Quads = long.Parse(run.Output[0].ToString());
            BackupPath = run.Output[1].ToString();
        }

        public string BigFile { get; }
        public string StorePath { get; }
        public string BackupPath { get; }
        public long Quads { get; }

        public void Dispose() => _folder.Dispose();
    }
}
