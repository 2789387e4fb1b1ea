using System.Collections;
using System.Management.Automation;
using TripleStore.Configuration;
using TripleStore.PowerShell.Stores;

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

    /// <summary>A named set of RocksDB and limit settings (docs/tuning.md); it beats TRIPLESTORE_PRESET and a file's Preset.</summary>
    [Parameter]
    [ValidateSet(ConfigurationArgument.Development, ConfigurationArgument.ProductionLargeMemory, ConfigurationArgument.ProductionLowMemory,
        ConfigurationArgument.QueryHeavy, ConfigurationArgument.BulkLoad, IgnoreCase = true)]
    public string? Preset { get; set; }

    /// <summary>Settings that beat every other source, e.g. @{ BlockCacheBytes = '1GB'; QueryTimeout = '30s' }.</summary>
    [Parameter]
    public Hashtable? Option { get; set; }

    /// <summary>A JSON file of settings (flat, or grouped under Storage, Limits, Errors); TRIPLESTORE_CONFIG_FILE names one by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigurationFile { get; set; }

    private bool _safeMessages;

    protected override bool SafeMessages => _safeMessages || base.SafeMessages;

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
        StoreConfiguration configuration;
        try
        {
            // Resolved (and checked) before anything opens.
            configuration = ConfigurationArgument.Resolve(Preset, Option,
                ConfigurationFile is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigurationFile));
            bool destination = BackupDestination is not null, interval = MyInvocation.BoundParameters.ContainsKey(nameof(BackupInterval));
            if (destination != interval || (!destination && MyInvocation.BoundParameters.ContainsKey(nameof(BackupKeep))))
                throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    "Scheduled backups need both -BackupDestination and -BackupInterval (and -BackupKeep only with them).");
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, Option ?? (object?)ConfigurationFile ?? Preset ?? BackupDestination);
            return;
        }
        _safeMessages = configuration.SafeMessages;
        if (configuration.Preset is not null)
            WriteVerbose($"Configuration: preset {configuration.Preset} ({configuration.PresetSource}); "
                + $"{configuration.Entries.Count(e => e.Source != ConfigurationSource.Default)} setting(s) differ from the defaults.");
        try
        {
            var session = StoreSession.ForCurrentRunspace();
            var store = session.Open(folder, ReadOnly.IsPresent, configuration);
            if (BackupDestination is not null)
            {
                // The schedule lives as long as the store stays open in this session; its outcomes reach Get-TripleStoreHealth.
                var schedule = new Operations.BackupSchedule(store, ResolveDestinationPath(BackupDestination), BackupInterval,
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
