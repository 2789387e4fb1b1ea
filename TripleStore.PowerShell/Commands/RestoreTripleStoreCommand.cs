using System.Management.Automation;
using TripleStore.Operations;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Restores a verified backup into a folder; replaces an existing store only with -Force.</para>
/// </summary>
[Cmdlet(VerbsData.Restore, "TripleStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RestoreResult))]
public sealed class RestoreTripleStoreCommand : TripleStoreCmdlet
{
    /// <summary>The backup folder (one holding manifest.json), for example from Get-TripleStoreBackup.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The folder the store is restored to.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>Replace what is in -Destination (never a store that is open).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string backup = ResolveDestinationPath(Path);
        string destination = System.IO.Path.TrimEndingDirectorySeparator(ResolveDestinationPath(Destination));
        var open = StoreSession.ForCurrentRunspace().Stores.FirstOrDefault(s => string.Equals(
            System.IO.Path.TrimEndingDirectorySeparator(s.Path), destination,
            OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase));
        if (open is not null)
            ThrowEngineError(new TripleStoreException(ErrorCodes.StoreLocked, ErrorKind.StoreLocked,
                $"The store at {destination} is open in this session; close it with Close-TripleStore before restoring over it."), destination);
        if (!ShouldProcess(destination, $"Restore the backup {backup}")) return;
        try
        {
            WriteObject(StoreRestore.Restore(backup, destination, Force, new ProgressWriter(this, 2, $"Restoring {backup}"), StopToken));
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, destination);
        }
    }
}
