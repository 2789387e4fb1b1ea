namespace TripleStore.Configuration;

/// <summary>
/// The named presets: each overrides some built-in defaults for one kind of deployment. The numbers are
/// explained, with measurements, in docs/tuning.md.
/// </summary>
public static class StorePresets
{
    public const string Development = "Development";
    public const string ProductionLargeMemory = "ProductionLargeMemory";
    public const string ProductionLowMemory = "ProductionLowMemory";
    public const string QueryHeavy = "QueryHeavy";
    public const string BulkLoad = "BulkLoad";

    public static IReadOnlyList<string> Names { get; } = [Development, ProductionLargeMemory, ProductionLowMemory, QueryHeavy, BulkLoad];

    internal static IReadOnlyDictionary<string, object?> Values(string preset) => preset switch
    {
        Development => new Dictionary<string, object?>
        {
            // Small footprint and fast edit-run cycles; durability on power loss does not matter on a laptop.
            ["BlockCacheBytes"] = "32MB",
            ["WriteBufferBytes"] = "16MB",
            ["MaxOpenFiles"] = 256,
            ["BottommostCompression"] = "Lz4",
            ["DerivedCompression"] = "Lz4",
            ["WalSync"] = "Buffered",
            ["QueryTimeout"] = "30s",
            ["MaxResultRows"] = 100_000,
            ["MaxRowsInMemory"] = 1_000_000,
            // Edits show up quickly even when they bypass the module.
            ["RedisCacheSelectTtl"] = "30s",
            ["RedisCacheAskTtl"] = "30s",
            ["RedisCacheConstructTtl"] = "30s",
            ["RedisCacheDescribeTtl"] = "30s",
        },
        ProductionLargeMemory => new Dictionary<string, object?>
        {
            ["BlockCacheBytes"] = "40%",
            ["WriteBufferBytes"] = "128MB",
            ["MaxWriteBufferNumber"] = 4,
            ["MaxOpenFiles"] = -1,
            ["BloomFilterBitsPerKey"] = 10,
            ["PrefixExtractorBytes"] = 17,
            ["BlockSizeBytes"] = "8KB",
            ["ScanBlockSizeBytes"] = "32KB",
            ["Compression"] = "Lz4",
            ["BottommostCompression"] = "Zstd",
            ["DerivedCompression"] = "Zstd",
            ["MaxBackgroundJobs"] = Math.Max(2, Environment.ProcessorCount),
            ["CompactionRateLimitBytesPerSecond"] = "200MB",
            ["WalSync"] = "EveryCommit",
            ["QueryTimeout"] = "60s",
            ["MaxResultRows"] = 10_000_000,
            ["MaxRowsInMemory"] = 50_000_000,
            ["SafeMessages"] = true,
        },
        ProductionLowMemory => new Dictionary<string, object?>
        {
            ["BlockCacheBytes"] = "32MB",
            ["WriteBufferBytes"] = "16MB",
            ["MaxWriteBufferNumber"] = 2,
            ["MaxOpenFiles"] = 128,
            ["BloomFilterBitsPerKey"] = 10,
            ["BlockSizeBytes"] = "4KB",
            ["ScanBlockSizeBytes"] = "16KB",
            ["Compression"] = "Lz4",
            ["BottommostCompression"] = "Zstd",
            ["DerivedCompression"] = "Zstd",
            ["MaxBackgroundJobs"] = 2,
            ["CompactionRateLimitBytesPerSecond"] = "32MB",
            ["WalSync"] = "EveryCommit",
            ["QueryTimeout"] = "30s",
            ["MaxResultRows"] = 1_000_000,
            ["MaxRowsInMemory"] = 1_000_000,
            ["MaxImportBytes"] = "4GB",
            ["SafeMessages"] = true,
        },
        QueryHeavy => new Dictionary<string, object?>
        {
            ["BlockCacheBytes"] = "25%",
            ["WriteBufferBytes"] = "32MB",
            ["MaxOpenFiles"] = -1,
            ["BloomFilterBitsPerKey"] = 14,
            ["PrefixExtractorBytes"] = 17,
            ["BlockSizeBytes"] = "4KB",
            ["ScanBlockSizeBytes"] = "16KB",
            ["Compression"] = "Lz4",
            ["BottommostCompression"] = "Zstd",
            ["CompactionRateLimitBytesPerSecond"] = "64MB",
            ["QueryTimeout"] = "30s",
            ["MaxRowsInMemory"] = 20_000_000,
            // Dashboards repeat the same queries; writes through the module invalidate anyway.
            ["RedisCacheSelectTtl"] = "15m",
            ["RedisCacheAskTtl"] = "15m",
            ["RedisCacheConstructTtl"] = "15m",
        },
        BulkLoad => new Dictionary<string, object?>
        {
            ["BlockCacheBytes"] = "64MB",
            ["WriteBufferBytes"] = "256MB",
            ["MaxWriteBufferNumber"] = 4,
            ["Compression"] = "Lz4",
            ["BottommostCompression"] = "Lz4",
            ["DerivedCompression"] = "Lz4",
            ["Level0CompactionTrigger"] = 8,
            ["TargetFileSizeBytes"] = "256MB",
            ["MaxBackgroundJobs"] = Math.Max(2, Environment.ProcessorCount),
            ["CompactionRateLimitBytesPerSecond"] = 0,
            ["WalSync"] = "Buffered",
            ["QueryTimeout"] = "none",
        },
        _ => throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
            $"'{preset}' is not a preset. Allowed: {string.Join(", ", Names)}."),
    };

    /// <summary>The canonical name of a preset, or a Configuration error listing the presets.</summary>
    public static string Normalize(string preset) =>
        Names.FirstOrDefault(n => string.Equals(n, preset?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
            $"'{preset}' is not a preset for 'Preset'. Allowed: {string.Join(", ", Names)}.");
}
