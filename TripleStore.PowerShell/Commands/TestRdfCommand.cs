using System.Management.Automation;
using TripleStore.Formats;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Checks RDF files for syntax errors without loading them.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "Rdf")]
[OutputType(typeof(RdfValidationResult))]
public sealed class TestRdfCommand : TripleStoreCmdlet
{
    /// <summary>The files to check; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The syntax; by default chosen from each file's extension.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RdfFormatCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Format { get; set; }

    /// <summary>The base IRI for relative references; by default the file's own file: URI.</summary>
    [Parameter]
    [Alias("BaseIri")]
    [ValidateNotNullOrEmpty]
    public string? BaseUri { get; set; }

    /// <summary>How many errors each result lists; counting goes on past it.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MaxErrors { get; set; } = RdfValidator.DefaultMaxErrors;

    // A delegate rather than a parsed format field: see FormatArgument.
    private Func<string, RdfValidationResult>? _validate;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            var format = FormatArgument.Parse(Format, nameof(Format));
            _validate = file => RdfValidator.ValidateFile(file, format, BaseUri, MaxErrors, StopToken);
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
            foreach (var file in ResolveFilePaths(pattern))
            {
                if (StopToken.IsCancellationRequested) return;
                try
                {
                    WriteObject(_validate!(file));
                }
                catch (TripleStoreException ex)
                {
                    WriteEngineError(ex, file);
                }
                catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}
