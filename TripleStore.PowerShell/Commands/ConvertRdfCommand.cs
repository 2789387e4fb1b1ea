using System.Management.Automation;
using TripleStore.Formats;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Converts RDF files from one syntax to another, streaming.</para>
/// </summary>
[Cmdlet(VerbsData.Convert, "Rdf", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RdfConversionResult))]
public sealed class ConvertRdfCommand : TripleStoreCmdlet
{
    /// <summary>The files to convert; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The file to write, or an existing folder to write each converted file into.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The source syntax; by default chosen from each file's extension.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RdfFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Format { get; set; }

    /// <summary>The destination syntax; by default chosen from the destination's extension.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RdfFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string? DestinationFormat { get; set; }

    /// <summary>The base IRI for relative references; by default the source file's own file: URI.</summary>
    [Parameter]
    [Alias("BaseIri")]
    [ValidateNotNullOrEmpty]
    public string? BaseUri { get; set; }

    // A reference type on purpose: see FormatArgument.
    private RdfConversionOptions? _options;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            _options = new RdfConversionOptions
            {
                SourceFormat = FormatArgument.Parse(Format, nameof(Format)),
                DestinationFormat = FormatArgument.Parse(DestinationFormat, nameof(DestinationFormat)),
                BaseIri = BaseUri,
            };
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, null);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var pattern in Path)
        {
            foreach (var source in ResolveFilePaths(pattern))
            {
                if (StopToken.IsCancellationRequested) return;
                ConvertOne(source);
            }
        }
    }

    private void ConvertOne(string source)
    {
        string destination;
        try
        {
            destination = DestinationFor(source);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, source);
            return;
        }

        var action = $"Convert RDF from '{source}'";
        if (!ShouldProcess(destination, action)) return;
        try
        {
            WriteObject(RdfConverter.ConvertFile(source, destination, _options, StopToken));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, source);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is already stopping the pipeline; the partial file was removed.
        }
    }

    /// <summary>A folder destination receives the source's name with the destination format's extension.</summary>
    private string DestinationFor(string source)
    {
        var destination = ResolveDestinationPath(Destination);
        if (!Directory.Exists(destination)) return destination;
        if (_options!.DestinationFormat is not { } format)
            throw new TripleStoreException(ErrorCodes.RdfFormatUnknown, ErrorKind.InvalidArgument,
                $"'{destination}' is a folder, so the output format cannot come from an extension; name it with -DestinationFormat.");
        var name = System.IO.Path.GetFileName(source);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return System.IO.Path.Combine(destination, System.IO.Path.GetFileNameWithoutExtension(name) + RdfFormats.FileExtension(format));
    }
}
