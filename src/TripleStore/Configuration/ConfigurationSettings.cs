namespace TripleStore.Configuration;

/// <summary>Every configuration key, with its built-in default. docs/tuning.md explains each.</summary>
internal static class ConfigurationSettings
{
    public const string Storage = "Storage";
    public const string Limits = "Limits";
    public const string Errors = "Errors";
    public const string RedisCache = "RedisCache";

    public static readonly string[] Compressions = ["None", "Snappy", "Lz4", "Zstd"];

    public static readonly IReadOnlyList<ConfigurationSetting> All =
    [
        new() { Key = "BlockCacheBytes", Section = Storage, Kind = SettingKind.Bytes, Default = 128L << 20, Minimum = 8L << 20,
            Description = "LRU cache of uncompressed data blocks shared by all column families; the main lever for query latency." },
        new() { Key = "WriteBufferBytes", Section = Storage, Kind = SettingKind.Bytes, Default = 64L << 20, Minimum = 1L << 20,
            Description = "Size of one memtable before it is flushed to a level-0 file." },
        new() { Key = "MaxWriteBufferNumber", Section = Storage, Kind = SettingKind.Integer, Default = 2L, Minimum = 2, Maximum = 16,
            Description = "Memtables kept per column family (one active, the others flushing) before writes stall." },
        new() { Key = "MaxOpenFiles", Section = Storage, Kind = SettingKind.Integer, Default = -1L, Minimum = -1, Maximum = 1_000_000,
            Description = "SST files kept open (their index and filter blocks stay in memory); -1 = all." },
        new() { Key = "BloomFilterBitsPerKey", Section = Storage, Kind = SettingKind.Integer, Default = 10L, Minimum = 0, Maximum = 32,
            Description = "Bloom filter bits per key on the data family, which serves the dictionary's point lookups; 0 = no filter." },
        new() { Key = "PrefixExtractorBytes", Section = Storage, Kind = SettingKind.Integer, Default = 0L, Minimum = 0, Maximum = 49,
            Description = "Fixed prefix for prefix Bloom filters on index keys (17 = section byte + first term id); 0 = off." },
        new() { Key = "BlockSizeBytes", Section = Storage, Kind = SettingKind.Bytes, Default = 4096L, Minimum = 1024, Maximum = 1L << 20,
            Description = "Data block size of the data family (dictionary, counters, SPO/GSPO): small blocks favour point lookups." },
        new() { Key = "ScanBlockSizeBytes", Section = Storage, Kind = SettingKind.Bytes, Default = 16384L, Minimum = 1024, Maximum = 1L << 20,
            Description = "Data block size of the range-scanned secondary index files imports write (POS, OSP, ...): larger blocks compress better." },
        new() { Key = "Compression", Section = Storage, Kind = SettingKind.Choice, Default = "Lz4", Choices = Compressions,
            Description = "Compression of the hot (upper) levels of the data family." },
        new() { Key = "BottommostCompression", Section = Storage, Kind = SettingKind.Choice, Default = "Zstd", Choices = Compressions,
            Description = "Compression of the bottommost level, which holds most of the data and is rarely rewritten." },
        new() { Key = "DerivedCompression", Section = Storage, Kind = SettingKind.Choice, Default = "Zstd", Choices = Compressions,
            Description = "Compression of the derived-facts family that materialization writes." },
        new() { Key = "Level0CompactionTrigger", Section = Storage, Kind = SettingKind.Integer, Default = 4L, Minimum = 1, Maximum = 100,
            Description = "Level-0 files that start a compaction into level 1." },
        new() { Key = "TargetFileSizeBytes", Section = Storage, Kind = SettingKind.Bytes, Default = 64L << 20, Minimum = 1L << 20,
            Description = "Target size of the SST files compaction writes." },
        new() { Key = "MaxBackgroundJobs", Section = Storage, Kind = SettingKind.Integer, Default = 2L, Minimum = 1, Maximum = 64,
            Description = "Threads for flushes and compactions." },
        new() { Key = "CompactionRateLimitBytesPerSecond", Section = Storage, Kind = SettingKind.Bytes, Default = 0L, Minimum = 0,
            Description = "Cap on flush and compaction write I/O, so that background work leaves the disk to queries; 0 = no cap." },
        new() { Key = "WarmIngestedFilesBytes", Section = Storage, Kind = SettingKind.Bytes, Default = 8L << 30, Minimum = 0,
            Description = "After a bulk import or a materialization, read up to this many bytes of the new files back into the operating system's page cache in the background (at most half of the available memory); 0 = leave them on disk until queries read them." },
        new() { Key = "WalSync", Section = Storage, Kind = SettingKind.Choice, Default = "EveryCommit", Choices = ["EveryCommit", "Buffered"],
            Description = "EveryCommit: fsync the write-ahead log at each commit (survives power loss). Buffered: leave it to the OS (survives a process crash only)." },
        new() { Key = "QueryTimeout", Section = Limits, Kind = SettingKind.Duration, Default = null,
            Description = "Time limit for queries and for the WHERE part of updates that set none; none = no limit." },
        new() { Key = "MaxResultRows", Section = Limits, Kind = SettingKind.Integer, Default = 0L, Minimum = 0,
            Description = "Most rows (or triples) one query may return; 0 = no limit." },
        new() { Key = "MaxRowsInMemory", Section = Limits, Kind = SettingKind.Integer, Default = 10_000_000L, Minimum = 1000,
            Description = "Most solutions one memory-bound operator (ORDER BY, DISTINCT, GROUP BY, hash join, OPTIONAL, MINUS, CONSTRUCT, property path) may hold; past it they spill to disk when SpillToDisk is on." },
        new() { Key = "SpillToDisk", Section = Limits, Kind = SettingKind.Boolean, Default = true,
            Description = "Whether memory-bound query operators (ORDER BY, DISTINCT, GROUP BY, hash joins, OPTIONAL, MINUS, CONSTRUCT/DESCRIBE, property paths) write rows past MaxRowsInMemory to temporary files (true) or fail with LimitExceeded (false)." },
        new() { Key = "SpillPath", Section = Limits, Kind = SettingKind.Text, Default = "",
            Description = "Folder for queries' temporary spill files; empty = the store folder's query-tmp subfolder." },
        new() { Key = "MaxSpillBytes", Section = Limits, Kind = SettingKind.Bytes, Default = 8L << 30, Minimum = 0,
            Description = "Most bytes one query may hold in spill files at once; 0 = no cap (a full disk still fails cleanly)." },
        new() { Key = "MaxImportBytes", Section = Limits, Kind = SettingKind.Bytes, Default = 0L, Minimum = 0,
            Description = "Largest total size of the files of one import; 0 = no limit." },
        new() { Key = "AllowLoad", Section = Limits, Kind = SettingKind.Boolean, Default = false,
            Description = "Whether SPARQL Update LOAD may read anything at all (then only from the hosts and folders listed)." },
        new() { Key = "LoadAllowedHosts", Section = Limits, Kind = SettingKind.List, Default = Array.Empty<string>(),
            Description = "Host names LOAD may fetch http(s) documents from, when AllowLoad is true." },
        new() { Key = "LoadAllowedDirectories", Section = Limits, Kind = SettingKind.List, Default = Array.Empty<string>(),
            Description = "Folders LOAD may read files from (with their subfolders), when AllowLoad is true." },
        new() { Key = "ResultCacheEntries", Section = Limits, Kind = SettingKind.Integer, Default = 1000L, Minimum = 0, Maximum = 1_000_000,
            Description = "Most query results the in-process result cache holds; 0 = no result cache." },
        new() { Key = "ResultCacheBytes", Section = Limits, Kind = SettingKind.Bytes, Default = 64L << 20, Minimum = 0,
            Description = "Most bytes (estimated) the result cache holds; least recently used results are dropped first." },
        new() { Key = "ResultCacheMaxResultBytes", Section = Limits, Kind = SettingKind.Bytes, Default = 1L << 20, Minimum = 0,
            Description = "Results larger than this (estimated) are never cached." },
        new() { Key = "RedisCacheConnection", Section = RedisCache, Kind = SettingKind.Text, Default = "",
            Description = "StackExchange.Redis connection string (host:port[,password=...][,ssl=true]) of the shared result cache in front of a remote store; empty = no Redis tier." },
        new() { Key = "RedisCacheKeyPrefix", Section = RedisCache, Kind = SettingKind.Text, Default = "triplestore",
            Description = "First part of every Redis key; stores that must not share results (other data, other access rights) use different prefixes." },
        new() { Key = "RedisCacheSelectTtl", Section = RedisCache, Kind = SettingKind.Duration, Default = TimeSpan.FromMinutes(5),
            Description = "How long a SELECT result stays in Redis; none = SELECT results are not cached." },
        new() { Key = "RedisCacheAskTtl", Section = RedisCache, Kind = SettingKind.Duration, Default = TimeSpan.FromMinutes(5),
            Description = "How long an ASK answer stays in Redis; none = not cached." },
        new() { Key = "RedisCacheConstructTtl", Section = RedisCache, Kind = SettingKind.Duration, Default = TimeSpan.FromMinutes(5),
            Description = "How long a CONSTRUCT result stays in Redis; none = not cached." },
        new() { Key = "RedisCacheDescribeTtl", Section = RedisCache, Kind = SettingKind.Duration, Default = TimeSpan.FromMinutes(1),
            Description = "How long a DESCRIBE result stays in Redis; none = not cached." },
        new() { Key = "RedisCacheMaxResultBytes", Section = RedisCache, Kind = SettingKind.Bytes, Default = 1L << 20, Minimum = 0, Maximum = 512L << 20,
            Description = "Responses larger than this are not put in Redis." },
        new() { Key = "RedisCacheTimeout", Section = RedisCache, Kind = SettingKind.Duration, Default = TimeSpan.FromMilliseconds(500),
            Description = "Connect and command timeout for Redis: the most a dead or frozen Redis adds to a query." },
        new() { Key = "RedisCacheRetryInterval", Section = RedisCache, Kind = SettingKind.Duration, Default = TimeSpan.FromSeconds(2),
            Description = "After a Redis command fails, queries skip Redis this long before trying it again (reconnection attempts run at this pace too)." },
        new() { Key = "ResultCacheWarmOnOpen", Section = Limits, Kind = SettingKind.Boolean, Default = false,
            Description = "Save the most used queries (text and options, never parameter values or results) in the store folder on close, and run them in the background on open." },
        new() { Key = "ResultCacheWarmQueries", Section = Limits, Kind = SettingKind.Integer, Default = 100L, Minimum = 1, Maximum = 10_000,
            Description = "Most queries saved for warming (the most used ones)." },
        new() { Key = "QueryEngineWarmup", Section = Limits, Kind = SettingKind.Boolean, Default = false,
            Description = "Compile the query engine's code on a background thread when a store opens (once per process), so that no query pays for compiling it. For long-running processes: it costs several seconds of one core." },
        new() { Key = "SafeMessages", Section = Errors, Kind = SettingKind.Boolean, Default = false,
            Description = "Production mode for error messages: file-system paths are replaced by <path> and no stack trace or inner detail is shown." },
    ];

    private static readonly Dictionary<string, ConfigurationSetting> ByKey =
        All.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);

    public static ConfigurationSetting? Find(string key) => ByKey.GetValueOrDefault(key.Trim());

    /// <summary>An environment variable's setting: TRIPLESTORE_BLOCK_CACHE_BYTES or TRIPLESTORE_BLOCKCACHEBYTES for BlockCacheBytes.</summary>
    public static ConfigurationSetting? FindByEnvironmentName(string suffix)
    {
        var squashed = suffix.Replace("_", "", StringComparison.Ordinal);
        return All.FirstOrDefault(s => string.Equals(s.Key, squashed, StringComparison.OrdinalIgnoreCase));
    }

    public static string KnownKeys => string.Join(", ", All.Select(s => s.Key));
}
