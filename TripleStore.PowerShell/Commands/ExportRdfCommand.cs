using System.Diagnostics;
using System.Management.Automation;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a store's quads to a file, or as lines of text to the pipeline.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "Rdf", SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet)]
[OutputType(typeof(string), ParameterSetName = new[] { PipelineSet })]
[OutputType(typeof(RdfExportResult), ParameterSetName = new[] { FileSet })]
public sealed class ExportRdfCommand : StoreCmdlet
{
    private const string PipelineSet = "Pipeline";
    private const string FileSet = "File";

    /// <summary>The file to write (replaced if it exists); without it, lines go to the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The syntax; by default from the file's extension, or N-Quads for the pipeline.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RdfFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Format { get; set; }

    /// <summary>Only this named graph (an absolute IRI); by default every graph.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(GraphCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Graph { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        RdfFormat? format = null;
        try
        {
            format = FormatArgument.Parse(Format, nameof(Format));
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, Format);
        }
        var graph = Graph is null ? GraphSelector.All : GraphSelector.Named(ParseGraph(Graph));
        try
        {
            if (ParameterSetName == FileSet) ExportToFile(store, format, graph);
            else ExportToPipeline(store, format ?? RdfFormat.NQuads, graph);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, store);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
        }
    }

    private void ExportToFile(RdfStore store, RdfFormat? format, GraphSelector graph)
    {
        var destination = ResolveDestinationPath(Path);
        if (!ShouldProcess(destination, $"Export RDF from the store at {store.Path}")) return;
        var stopwatch = Stopwatch.StartNew();
        long count;
        RdfFormat written;
        try
        {
            using var file = RdfSerializer.CreateFile(destination, format);
            written = file.Format;
            // From the counters, so it costs no scan.
            using var writer = new ProgressRdfWriter(file, this, 1, $"Export-Rdf to {System.IO.Path.GetFileName(destination)}", store.Count(graph));
            count = store.Export(writer, graph, StopToken);
        }
        catch
        {
            // Never leave a half-written export behind.
            try { File.Delete(destination); } catch (IOException) { }
            throw;
        }
        WriteObject(new RdfExportResult(destination, written.ToString(), count, stopwatch.Elapsed));
    }

    private void ExportToPipeline(RdfStore store, RdfFormat format, GraphSelector graph)
    {
        using var lines = new LineWriter(WriteObject);
        using (var writer = RdfSerializer.Create(lines, format))
        {
            store.Export(writer, graph, StopToken);
        }
    }
}
