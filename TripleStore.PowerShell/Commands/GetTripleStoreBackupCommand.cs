using System.Management.Automation;
using TripleStore.Operations;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the backups in a folder with their manifests and whether each verifies.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreBackup")]
[OutputType(typeof(BackupInfo))]
public sealed class GetTripleStoreBackupCommand : TripleStoreCmdlet
{
    /// <summary>A folder of backups, or one backup folder.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Read the manifests only, without opening each backup to verify it.</summary>
    [Parameter]
    public SwitchParameter NoVerify { get; set; }

    protected override void ProcessRecord()
    {
        string folder = ResolveDestinationPath(Path);
        try
        {
            foreach (var backup in StoreBackup.List(folder, !NoVerify, StopToken)) WriteObject(backup);
        }
        catch (TripleStoreException e)
        {
            WriteEngineError(e, folder);
        }
    }
}
