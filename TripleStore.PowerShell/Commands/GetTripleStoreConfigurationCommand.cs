using System.Collections;
using System.Management.Automation;
using TripleStore.Configuration;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Shows each configuration setting's effective value and where it came from: of an open store, or of a store that would be opened now.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreConfiguration", DefaultParameterSetName = StoreSet)]
[OutputType(typeof(TripleStoreSetting))]
public sealed class GetTripleStoreConfigurationCommand : TripleStoreCmdlet
{
    private const string StoreSet = "Store";
    private const string ResolveSet = "Resolve";

    /// <summary>The store whose configuration to show; by default the current store.</summary>
    [Parameter(ParameterSetName = StoreSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public RdfStore? Store { get; set; }

    /// <summary>Resolve as Open-TripleStore would with this preset, without opening anything.</summary>
    [Parameter(ParameterSetName = ResolveSet)]
    [ValidateSet(ConfigurationArgument.Development, ConfigurationArgument.ProductionLargeMemory, ConfigurationArgument.ProductionLowMemory,
        ConfigurationArgument.QueryHeavy, ConfigurationArgument.BulkLoad, IgnoreCase = true)]
    public string? Preset { get; set; }

    /// <summary>Resolve as Open-TripleStore would with these options.</summary>
    [Parameter(ParameterSetName = ResolveSet)]
    public Hashtable? Option { get; set; }

    /// <summary>Resolve as Open-TripleStore would with this JSON file.</summary>
    [Parameter(ParameterSetName = ResolveSet)]
    [ValidateNotNullOrEmpty]
    public string? ConfigurationFile { get; set; }

    /// <summary>Only these keys (wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Key { get; set; }

    protected override void ProcessRecord()
    {
        StoreConfiguration configuration;
        try
        {
            if (ParameterSetName == ResolveSet)
                configuration = ConfigurationArgument.Resolve(Preset, Option,
                    ConfigurationFile is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigurationFile));
            else
                configuration = (Store ?? StoreSession.ForCurrentRunspace().Current)?.Configuration
                    // No store open: what Open-TripleStore would use now (defaults, TRIPLESTORE_* variables).
                    ?? ConfigurationArgument.Resolve(null, null, null);
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, Option ?? (object?)ConfigurationFile ?? Preset);
            return;
        }
        var patterns = Key?.Select(k => new WildcardPattern(k, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var setting in ConfigurationArgument.Settings(configuration))
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(setting.Key))) WriteObject(setting);
        }
    }
}
