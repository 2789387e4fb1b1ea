using System.Management.Automation;
using TripleStore.Operations;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Backs up an open store, online, into a new verified folder under -Destination.</para>
/// </summary>
[Cmdlet(VerbsData.Backup, "TripleStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BackupInfo))]
public sealed class BackupTripleStoreCommand : StoreCmdlet
{
    /// <summary>The folder that receives the backup (a new subfolder per backup).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>Reopen the backup and check it against its manifest (on by default; -Verify:$false skips it).</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; } = new(true);

    /// <summary>Keep only this many backups of the series in -Destination, deleting the oldest after a successful backup.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Keep { get; set; }

    /// <summary>The series name (default: the store folder's name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Series { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        string destination = ResolveDestinationPath(Destination);
        var action = Keep > 0 ? $"Back up the store at {store.Path}, keeping the newest {Keep}" : $"Back up the store at {store.Path}";
        if (!ShouldProcess(destination, action)) return;
        try
        {
            var backup = StoreBackup.Create(store, destination, new BackupOptions
            {
                Verify = Verify.IsPresent,
                Keep = Keep,
                Series = Series,
                Progress = new ProgressWriter(this, 1, $"Backing up {store.Path}"),
                Cancellation = StopToken,
            });
            WriteObject(backup);
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, destination);
        }
    }
}
