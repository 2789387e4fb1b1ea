using System.Collections;
using System.Text.Json;

namespace TripleStore.Configuration;

/// <summary>
/// A resolved store configuration: the effective value of every setting and where it came from.
/// Precedence, lowest first: built-in defaults, the preset, a JSON file, TRIPLESTORE_* environment
/// variables, explicit options (Open-TripleStore -Option). Every key and value is checked while
/// resolving, so a mistake is reported before any store is opened.
/// </summary>
public sealed class StoreConfiguration
{
    /// <summary>Names the preset in a file, an environment variable (TRIPLESTORE_PRESET) or the options.</summary>
    public const string PresetKey = "Preset";

    /// <summary>Environment variable naming a JSON configuration file used when none is given.</summary>
    public const string FileVariable = "TRIPLESTORE_CONFIG_FILE";

    /// <summary>Prefix of the environment variables that set keys: TRIPLESTORE_BLOCK_CACHE_BYTES=1GB.</summary>
    public const string EnvironmentPrefix = "TRIPLESTORE_";

    private readonly Dictionary<string, ConfigurationEntry> _entries;

    private StoreConfiguration(string? preset, ConfigurationSource presetSource, string? file, Dictionary<string, ConfigurationEntry> entries)
    {
        Preset = preset;
        PresetSource = presetSource;
        ConfigurationFile = file;
        _entries = entries;
    }

    /// <summary>Built-in defaults only.</summary>
    public static StoreConfiguration Defaults { get; } = Resolve(environment: new Hashtable());

    /// <summary>The preset applied, if any.</summary>
    public string? Preset { get; }

    public ConfigurationSource PresetSource { get; }

    /// <summary>The JSON file read, as a full path, if any.</summary>
    public string? ConfigurationFile { get; }

    /// <summary>Every setting in a stable order (by section, then as documented).</summary>
    public IReadOnlyList<ConfigurationEntry> Entries =>
        ConfigurationSettings.All.Select(s => _entries[s.Key]).ToList();

    public ConfigurationEntry this[string key] =>
        ConfigurationSettings.Find(key) is { } setting ? _entries[setting.Key] : throw UnknownKey(key, "the request");

    /// <summary>The keys this version knows.</summary>
    public static IReadOnlyList<string> Keys { get; } = ConfigurationSettings.All.Select(s => s.Key).ToList();

    /// <summary>
    /// Resolves a configuration. <paramref name="environment"/> defaults to the process environment;
    /// pass an empty dictionary to ignore it. Throws <see cref="ErrorCodes.Configuration"/> naming the
    /// key and its allowed values for an unknown key or a bad value.
    /// </summary>
    public static StoreConfiguration Resolve(
        string? preset = null,
        string? configurationFile = null,
        IEnumerable<KeyValuePair<string, object?>>? options = null,
        IDictionary? environment = null)
    {
        environment ??= System.Environment.GetEnvironmentVariables();
        var optionList = options?.ToList() ?? [];

        var fromEnvironment = new List<(ConfigurationSetting Setting, object? Raw, string Name)>();
        string? environmentPreset = null, environmentFile = null;
        foreach (DictionaryEntry variable in environment)
        {
            var name = variable.Key.ToString() ?? "";
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var suffix = name[EnvironmentPrefix.Length..];
            if (string.Equals(name, FileVariable, StringComparison.OrdinalIgnoreCase)) environmentFile = variable.Value?.ToString();
            else if (string.Equals(suffix, PresetKey, StringComparison.OrdinalIgnoreCase)) environmentPreset = variable.Value?.ToString();
            // Other tools share the prefix (TRIPLESTORE_SERVER_URL, say), so an unknown name is not an error.
            else if (ConfigurationSettings.FindByEnvironmentName(suffix) is { } setting) fromEnvironment.Add((setting, variable.Value, name));
        }

        string? file = string.IsNullOrWhiteSpace(configurationFile) ? environmentFile : configurationFile;
        var (filePreset, fromFile) = file is null ? (null, new List<(ConfigurationSetting, object?)>()) : ReadFile(file, out file);

        string? optionPreset = null;
        var fromOptions = new List<(ConfigurationSetting Setting, object? Raw)>();
        foreach (var (key, value) in optionList)
        {
            if (string.Equals(key, PresetKey, StringComparison.OrdinalIgnoreCase)) optionPreset = value?.ToString();
            else fromOptions.Add((ConfigurationSettings.Find(key) ?? throw UnknownKey(key, "the options"), value));
        }

        (string? name, ConfigurationSource source) chosen =
            !string.IsNullOrWhiteSpace(preset) ? (preset, ConfigurationSource.Parameter)
            : optionPreset is not null ? (optionPreset, ConfigurationSource.Parameter)
            : !string.IsNullOrWhiteSpace(environmentPreset) ? (environmentPreset, ConfigurationSource.Environment)
            : filePreset is not null ? (filePreset, ConfigurationSource.File)
            : (null, ConfigurationSource.Default);
        string? presetName = chosen.name is null ? null : StorePresets.Normalize(chosen.name);

        var entries = new Dictionary<string, ConfigurationEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in ConfigurationSettings.All)
            entries[setting.Key] = Entry(setting, setting.Default, ConfigurationSource.Default);
        if (presetName is not null)
        {
            foreach (var (key, raw) in StorePresets.Values(presetName))
            {
                var setting = ConfigurationSettings.Find(key)!;
                entries[setting.Key] = Entry(setting, setting.Parse(raw), ConfigurationSource.Preset);
            }
        }
        foreach (var (setting, raw) in fromFile)
            entries[setting.Key] = Entry(setting, setting.Parse(raw), ConfigurationSource.File);
        foreach (var (setting, raw, name) in fromEnvironment)
        {
            object? value;
            try
            {
                value = setting.Parse(raw);
            }
            catch (TripleStoreException e)
            {
                throw new TripleStoreException(e.ErrorCode, e.Kind, $"Environment variable {name}: {e.Message}", e);
            }
            entries[setting.Key] = Entry(setting, value, ConfigurationSource.Environment);
        }
        foreach (var (setting, raw) in fromOptions)
            entries[setting.Key] = Entry(setting, setting.Parse(raw), ConfigurationSource.Parameter);

        return new StoreConfiguration(presetName, chosen.source, file, entries);
    }

    private static ConfigurationEntry Entry(ConfigurationSetting setting, object? value, ConfigurationSource source) =>
        new(setting.Key, setting.Section, value, source, setting.Default, setting.AllowedValues, setting.Description);

    private static (string? Preset, List<(ConfigurationSetting, object?)> Values) ReadFile(string path, out string resolvedPath)
    {
        var fullPath = resolvedPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"The configuration file {fullPath} does not exist.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(fullPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"The configuration file {fullPath} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                    $"The configuration file {fullPath} must hold a JSON object of settings.");
            string? preset = null;
            var values = new List<(ConfigurationSetting, object?)>();
            void Read(JsonElement obj, bool top)
            {
                foreach (var property in obj.EnumerateObject())
                {
                    if (top && string.Equals(property.Name, PresetKey, StringComparison.OrdinalIgnoreCase))
                    {
                        preset = property.Value.ToString();
                        continue;
                    }
                    if (top && property.Value.ValueKind == JsonValueKind.Object
                        && ConfigurationSettings.All.Any(s => string.Equals(s.Section, property.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        Read(property.Value, top: false);
                        continue;
                    }
                    var setting = ConfigurationSettings.Find(property.Name) ?? throw UnknownKey(property.Name, fullPath);
                    // Parse now so the error names the file; the value is parsed again when applied.
                    try
                    {
                        setting.Parse(property.Value.Clone());
                    }
                    catch (TripleStoreException e)
                    {
                        throw new TripleStoreException(e.ErrorCode, e.Kind, $"{fullPath}: {e.Message}", e);
                    }
                    values.Add((setting, (object?)property.Value.Clone()));
                }
            }
            Read(document.RootElement, top: true);
            return (preset, values);
        }
    }

    private static TripleStoreException UnknownKey(string key, string where) =>
        new(ErrorCodes.Configuration, ErrorKind.Configuration,
            $"Unknown configuration key '{key}' in {where}. Allowed keys: {PresetKey}, {ConfigurationSettings.KnownKeys}.");

    internal T Get<T>(string key) => (T)_entries[key].Value!;

    internal long BlockCacheBytes => Get<long>("BlockCacheBytes");
    internal long WriteBufferBytes => Get<long>("WriteBufferBytes");
    internal int MaxWriteBufferNumber => (int)Get<long>("MaxWriteBufferNumber");
    internal int MaxOpenFiles => (int)Get<long>("MaxOpenFiles");
    internal int BloomFilterBitsPerKey => (int)Get<long>("BloomFilterBitsPerKey");
    internal int PrefixExtractorBytes => (int)Get<long>("PrefixExtractorBytes");
    internal long BlockSizeBytes => Get<long>("BlockSizeBytes");
    internal long ScanBlockSizeBytes => Get<long>("ScanBlockSizeBytes");
    internal string Compression => Get<string>("Compression");
    internal string BottommostCompression => Get<string>("BottommostCompression");
    internal string DerivedCompression => Get<string>("DerivedCompression");
    internal int Level0CompactionTrigger => (int)Get<long>("Level0CompactionTrigger");
    internal long TargetFileSizeBytes => Get<long>("TargetFileSizeBytes");
    internal int MaxBackgroundJobs => (int)Get<long>("MaxBackgroundJobs");
    internal long CompactionRateLimitBytesPerSecond => Get<long>("CompactionRateLimitBytesPerSecond");
    internal long WarmIngestedFilesBytes => Get<long>("WarmIngestedFilesBytes");
    internal bool SyncWrites => Get<string>("WalSync") == "EveryCommit";
    internal TimeSpan? QueryTimeout => (TimeSpan?)_entries["QueryTimeout"].Value;
    internal long MaxResultRows => Get<long>("MaxResultRows");
    internal long MaxRowsInMemory => Get<long>("MaxRowsInMemory");
    internal bool SpillToDisk => Get<bool>("SpillToDisk");
    internal string SpillPath => Get<string>("SpillPath");
    internal long MaxSpillBytes => Get<long>("MaxSpillBytes");
    internal long MaxImportBytes => Get<long>("MaxImportBytes");
    internal bool AllowLoad => Get<bool>("AllowLoad");
    internal int ResultCacheEntries => (int)Get<long>("ResultCacheEntries");
    internal long ResultCacheBytes => Get<long>("ResultCacheBytes");
    internal long ResultCacheMaxResultBytes => Get<long>("ResultCacheMaxResultBytes");
    internal bool ResultCacheWarmOnOpen => Get<bool>("ResultCacheWarmOnOpen");
    internal int ResultCacheWarmQueries => (int)Get<long>("ResultCacheWarmQueries");
    internal bool QueryEngineWarmup => Get<bool>("QueryEngineWarmup");
    internal string[] LoadAllowedHosts => Get<string[]>("LoadAllowedHosts");
    internal string[] LoadAllowedDirectories => Get<string[]>("LoadAllowedDirectories");

    /// <summary>Whether error messages must hide paths and internal detail (see <see cref="SafeMessage"/>).</summary>
    public bool SafeMessages => Get<bool>("SafeMessages");

    /// <summary>Store options carrying this configuration (and its WAL, cache, buffer and timeout values).</summary>
    public StoreOptions ToStoreOptions(bool readOnly = false) => new()
    {
        ReadOnly = readOnly,
        SyncWrites = SyncWrites,
        BlockCacheBytes = BlockCacheBytes,
        WriteBufferBytes = WriteBufferBytes,
        DefaultQueryTimeout = QueryTimeout,
        Configuration = this,
    };
}
