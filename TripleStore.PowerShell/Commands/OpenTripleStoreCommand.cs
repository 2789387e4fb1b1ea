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

    /// <summary>Take scheduled backups into this folder while the store is open (with -BackupInterval).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BackupDestination { get; set; }

    /// <summary>How often to back up: seconds or a TimeSpan (with -BackupDestination).</summary>
    [Parameter]
    [Queries.TimeoutTransformation]
    public TimeSpan BackupInterval { get; set; }

    /// <summary>How many scheduled backups to keep in -BackupDestination (0 keeps all).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int BackupKeep { get; set; }

    protected override void ProcessRecord()
    {
        var folder = ResolveDestinationPath(Path);
        try
        {
            bool destination = BackupDestination is not null, interval = MyInvocation.BoundParameters.ContainsKey(nameof(BackupInterval));
            if (destination != interval || (!destination && MyInvocation.BoundParameters.ContainsKey(nameof(BackupKeep))))
                throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    "Scheduled backups need both -BackupDestination and -BackupInterval (and -BackupKeep only with them).");
            var session = Stores.StoreSession.ForCurrentRunspace();
            var store = session.Open(folder, ReadOnly.IsPresent);
            if (destination)
            {
                // The schedule lives as long as the store stays open in this session; its outcomes reach Get-TripleStoreHealth.
                var schedule = new Operations.BackupSchedule(store, ResolveDestinationPath(BackupDestination!), BackupInterval,
                    new Operations.BackupOptions { Keep = BackupKeep });
                session.SetBackupSchedule(store, schedule);
                WriteVerbose($"Backing up {store.Path} every {BackupInterval} into {BackupDestination}.");
            }
            WriteObject(store);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, folder);
        }
    }
}
