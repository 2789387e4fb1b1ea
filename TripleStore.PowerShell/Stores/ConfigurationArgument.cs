using System.Collections;
using System.Management.Automation;
using TripleStore.Configuration;

namespace TripleStore.PowerShell.Stores;

/// <summary>
/// Resolves -Preset, -Option and -ConfigurationFile into a store configuration (with the environment),
/// so a bad key or value is reported before any store is opened.
/// </summary>
internal static class ConfigurationArgument
{
    /// <summary>The preset names, for ValidateSet (attributes need constants).</summary>
    public const string Development = StorePresets.Development;
    public const string ProductionLargeMemory = StorePresets.ProductionLargeMemory;
    public const string ProductionLowMemory = StorePresets.ProductionLowMemory;
    public const string QueryHeavy = StorePresets.QueryHeavy;
    public const string BulkLoad = StorePresets.BulkLoad;

    public static StoreConfiguration Resolve(string? preset, IDictionary? options, string? configurationFile)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        if (options is not null)
        {
            foreach (DictionaryEntry entry in options)
            {
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value is object[] array) value = array.Select(v => v is PSObject p ? p.BaseObject : v).ToArray();
                pairs.Add(new(entry.Key?.ToString() ?? "", value));
            }
        }
        return StoreConfiguration.Resolve(preset, configurationFile, pairs);
    }

    public static IEnumerable<TripleStoreSetting> Settings(StoreConfiguration configuration) =>
        configuration.Entries.Select(e => new TripleStoreSetting
        {
            Key = e.Key,
            Section = e.Section,
            Value = e.Value,
            DisplayValue = e.DisplayValue,
            Source = e.Source.ToString(),
            DefaultValue = e.DefaultValue,
            AllowedValues = e.AllowedValues,
            Description = e.Description,
            Preset = configuration.Preset ?? "",
        });
}
