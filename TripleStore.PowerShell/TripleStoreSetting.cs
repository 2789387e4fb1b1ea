namespace TripleStore.PowerShell;

/// <summary>One setting of a store configuration, as Get-TripleStoreConfiguration writes it.</summary>
public sealed class TripleStoreSetting
{
    public string Key { get; init; } = "";
    public string Section { get; init; } = "";

    /// <summary>The effective value: a long, bool, string, TimeSpan, string[] or null (none).</summary>
    public object? Value { get; init; }

    /// <summary>The value as text (bytes as numbers, durations as d.hh:mm:ss, lists comma-separated).</summary>
    public string DisplayValue { get; init; } = "";

    /// <summary>Where the value came from: Default, Preset, File, Environment or Parameter.</summary>
    public string Source { get; init; } = "";

    public object? DefaultValue { get; init; }
    public string AllowedValues { get; init; } = "";
    public string Description { get; init; } = "";

    /// <summary>The preset of the configuration this setting belongs to (empty when none).</summary>
    public string Preset { get; init; } = "";

    public override string ToString() => $"{Key} = {DisplayValue} ({Source})";
}
