namespace TripleStore.Configuration;

/// <summary>One setting of a resolved configuration: its effective value and where that came from.</summary>
public sealed record ConfigurationEntry(
    string Key,
    string Section,
    object? Value,
    ConfigurationSource Source,
    object? DefaultValue,
    string AllowedValues,
    string Description)
{
    /// <summary>The value as text (bytes with a unit, durations as hh:mm:ss, lists comma-separated, passwords hidden).</summary>
    public string DisplayValue => ConfigurationSetting.Display(Value);
}
