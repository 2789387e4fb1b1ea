using TripleStore.Configuration;
using TripleStore.Sparql;

namespace TripleStore.Remote;

/// <summary>
/// A shared, cache-aside result tier in Redis in front of a remote store (see docs/caching.md, "Shared
/// Redis tier"). Every host whose store names the same endpoint and <see cref="KeyPrefix"/> shares the
/// results; writes made through the module invalidate them for all of them.
/// </summary>
public sealed record RedisCacheOptions
{
    /// <summary>A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or <c>redis:6379,password=...,ssl=true</c>.</summary>
    public required string Connection { get; init; }

    /// <summary>The first part of every key; stores that must not share results use different prefixes.</summary>
    public string KeyPrefix { get; init; } = "triplestore";

    /// <summary>Lifetime of a SELECT result; null = SELECT results are not cached.</summary>
    public TimeSpan? SelectTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of an ASK answer; null = not cached.</summary>
    public TimeSpan? AskTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a CONSTRUCT result; null = not cached.</summary>
    public TimeSpan? ConstructTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a DESCRIBE result; null = not cached.</summary>
    public TimeSpan? DescribeTtl { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Responses larger than this are passed through without being cached.</summary>
    public long MaxResultBytes { get; init; } = 1L << 20;

    /// <summary>Connect and command timeout: the most a dead or frozen Redis can add to one query.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a failed command, Redis is skipped this long before it is tried again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The lifetime of a result of <paramref name="form"/>, or null when that form is not cached.</summary>
    public TimeSpan? TtlFor(QueryForm form) => form switch
    {
        QueryForm.Select => SelectTtl,
        QueryForm.Ask => AskTtl,
        QueryForm.Construct => ConstructTtl,
        QueryForm.Describe => DescribeTtl,
        _ => null,
    };

    /// <summary>The Redis tier a configuration asks for (the RedisCache* keys), or null when RedisCacheConnection is empty.</summary>
    public static RedisCacheOptions? FromConfiguration(StoreConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration.Get<string>("RedisCacheConnection");
        if (string.IsNullOrWhiteSpace(connection)) return null;
        var prefix = configuration.Get<string>("RedisCacheKeyPrefix");
        var defaults = new RedisCacheOptions { Connection = connection };
        return new RedisCacheOptions
        {
            Connection = connection,
            KeyPrefix = string.IsNullOrWhiteSpace(prefix) ? defaults.KeyPrefix : prefix,
            SelectTtl = Duration(configuration, "RedisCacheSelectTtl"),
            AskTtl = Duration(configuration, "RedisCacheAskTtl"),
            ConstructTtl = Duration(configuration, "RedisCacheConstructTtl"),
            DescribeTtl = Duration(configuration, "RedisCacheDescribeTtl"),
            MaxResultBytes = configuration.Get<long>("RedisCacheMaxResultBytes"),
            Timeout = Duration(configuration, "RedisCacheTimeout") ?? defaults.Timeout,
            RetryInterval = Duration(configuration, "RedisCacheRetryInterval") ?? defaults.RetryInterval,
        };
    }

    private static TimeSpan? Duration(StoreConfiguration configuration, string key) => (TimeSpan?)configuration[key].Value;
}
