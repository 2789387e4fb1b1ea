namespace TripleStore.Configuration;

/// <summary>Where a setting's effective value came from, lowest precedence first.</summary>
public enum ConfigurationSource
{
    Default,
    Preset,
    File,
    Environment,
    Parameter,
}
