namespace TripleStore.Configuration;

/// <summary>How a setting's value is written and checked.</summary>
internal enum SettingKind
{
    Bytes,
    Integer,
    Boolean,
    Choice,
    Duration,
    List,
    Text,
}
