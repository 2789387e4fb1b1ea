using System.Management.Automation;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Opens (or creates) a store in a folder and makes it the session's current store.</para>
/// </summary>
[Cmdlet(VerbsCommon.Open, "TripleStore")]
[OutputType(typeof(RdfStore))]
public sealed class OpenTripleStoreCommand : TripleStoreCmdlet
{
    /// <summary>The store's folder; created with the store when missing, unless -ReadOnly.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Open for reading only; works beside a writer in another process.</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    protected override void ProcessRecord()
    {
        var folder = ResolveDestinationPath(Path);
        try
        {
            WriteObject(Stores.StoreSession.ForCurrentRunspace().Open(folder, ReadOnly.IsPresent));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, folder);
        }
    }
}
