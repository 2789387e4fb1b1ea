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

    protected override void ProcessRecord()
    {
        var folder = ResolveDestinationPath(Path);
        StoreConfiguration configuration;
        try
        {
            // Resolved (and checked) before anything opens.
            configuration = ConfigurationArgument.Resolve(Preset, Option,
                ConfigurationFile is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigurationFile));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, Option ?? (object?)ConfigurationFile ?? Preset);
            return;
        }
        _safeMessages = configuration.SafeMessages;
        if (configuration.Preset is not null)
            WriteVerbose($"Configuration: preset {configuration.Preset} ({configuration.PresetSource}); "
                + $"{configuration.Entries.Count(e => e.Source != ConfigurationSource.Default)} setting(s) differ from the defaults.");
        try
        {
            WriteObject(StoreSession.ForCurrentRunspace().Open(folder, ReadOnly.IsPresent, configuration));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, folder);
        }
    }
}
