using System.Management.Automation;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Imports RDF files into a store, all of them as one atomic step.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "Rdf", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ImportSummary))]
public sealed class ImportRdfCommand : StoreCmdlet
{
    private const int ProgressId = 1;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<string> _files = new();
    private bool _missingFiles;

    /// <summary>The files to import; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The syntax of every file; by default chosen from each file's extension.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RdfFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Format { get; set; }

    /// <summary>The named graph (an absolute IRI) that triples go to; by default the default graph.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(GraphCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Graph { get; set; }

    /// <summary>The base IRI for relative references; by default each file's own file: URI.</summary>
    [Parameter]
    [Alias("BaseIri")]
    [ValidateNotNullOrEmpty]
    public string? BaseUri { get; set; }

    /// <summary>Files are collected from the whole pipeline, then imported together in EndProcessing.</summary>
    protected override void ProcessRecord()
    {
        foreach (var pattern in Path)
        {
            foreach (var file in ResolveFilePaths(pattern))
            {
                if (File.Exists(file))
                {
                    _files.Add(file);
                    continue;
                }
                _missingFiles = true;
                WriteEngineError(new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"File not found: {file}"), file);
            }
        }
    }

    protected override void EndProcessing()
    {
        ImportAll();
        base.EndProcessing();
    }

    private void ImportAll()
    {
        // All or nothing: a missing file means the call imports nothing, so the store stays as it was.
        if (_missingFiles || _files.Count == 0) return;
        var store = TargetStore();
        ImportOptions options;
        try
        {
            options = new ImportOptions
            {
                Format = FormatArgument.Parse(Format, nameof(Format)),
                Graph = Graph is null ? null : ParseGraph(Graph),
                BaseIri = BaseUri,
            };
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, null);
            return;
        }
        var transaction = Session.TransactionFor(store);
        if (!ShouldProcess(store.Path, $"Import {_files.Count} RDF file(s){(transaction is null ? "" : " into the open transaction")}")) return;
        if (transaction is not null)
        {
            // Inside Invoke-TripleStoreTransaction: the statements join the transaction (in memory until it commits).
            try
            {
                WriteObject(transaction.Import(_files, options, StopToken));
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (TripleStoreException ex)
            {
                ThrowEngineError(ex, ex is Formats.RdfSyntaxException syntax ? syntax.Position.Source : store);
            }
            return;
        }

        var totalBytes = _files.Sum(f => new FileInfo(f).Length);
        var progress = new LatestProgress<ImportProgress>();
        WriteProgress(Describe(null, totalBytes));
        var import = Task.Run(() => store.Import(_files, options, progress, StopToken));
        // Waits on the handle, not Task.Wait, so that a failed import surfaces its own exception below.
        while (!((IAsyncResult)import).AsyncWaitHandle.WaitOne(ProgressInterval))
        {
            if (progress.Value is { } latest) WriteProgress(Describe(latest, totalBytes));
            FlushLog();
        }
        WriteProgress(new ProgressRecord(ProgressId, "Import-Rdf", "Done") { RecordType = ProgressRecordType.Completed });

        try
        {
            WriteObject(import.GetAwaiter().GetResult());
        }
        catch (TripleStoreException ex) when (ex.Kind == ErrorKind.Canceled && StopToken.IsCancellationRequested)
        {
            // Ctrl+C: the engine left the store unchanged and PowerShell is stopping the pipeline.
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, ex is Formats.RdfSyntaxException syntax ? syntax.Position.Source : store);
        }
    }

    private ProgressRecord Describe(ImportProgress? progress, long totalBytes)
    {
        var size = $"{_files.Count} file(s), {totalBytes / 1048576.0:N1} MB";
        if (progress is null)
            return new ProgressRecord(ProgressId, "Import-Rdf", $"Starting: {size}");
        var seconds = progress.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? progress.TriplesRead / seconds : 0;
        var file = progress.CurrentFile is null ? string.Empty : $" {System.IO.Path.GetFileName(progress.CurrentFile)}";
        var record = new ProgressRecord(ProgressId, "Import-Rdf",
            $"{progress.Phase}: {progress.TriplesRead:N0} triples read, {rate:N0}/s")
        {
            CurrentOperation = $"file {Math.Min(progress.FileIndex + 1, progress.FileCount)} of {progress.FileCount}{file} ({size})",
        };
        // Within one file the engine reports no position, so a percentage only means something across files.
        if (progress.FileCount > 1)
            record.PercentComplete = Math.Clamp(100 * progress.FileIndex / progress.FileCount, 0, 100);
        return record;
    }
}
