using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TripleStore.Operations;
using TripleStore.Sparql;
using TripleStore.Telemetry;

namespace TripleStore.Remote;

/// <summary>
/// The shared cache-aside tier of one remote store in Redis. Keys live in the store's namespace
/// (<c>prefix:{endpoint}:...</c>, the braces a Redis Cluster hash tag, so one endpoint's keys share a
/// slot): a generation counter <c>prefix:{endpoint}:gen</c> and results under
/// <c>prefix:{endpoint}:r:&lt;generation&gt;:&lt;hash of normalized query and Accept&gt;</c>, each with the
/// TTL of its query form. A write through the module increments the generation (INCR), so every host
/// sharing Redis stops seeing the older results at once; they expire on their own.
/// <para>
/// Redis is an optimization, never a dependency: when it cannot be reached, or a command fails or
/// times out, the query goes to the endpoint, one warning is logged for the outage, Redis is skipped
/// for <see cref="RedisCacheOptions.RetryInterval"/>, and health reports Degraded until it answers again.
/// </para>
/// </summary>
internal sealed class RedisResultCache : IDisposable
{
    public const string CacheName = "redis";

    private readonly RedisCacheOptions _options;
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly RedisKey _generationKey;
    private readonly string _entryPrefix;
    private readonly object _connectGate = new();
    private ConnectionMultiplexer? _redis;
    private long _skipUntil;
    private int _degraded;
    private int _pendingInvalidation;
    private int _reconnecting;
    private string _lastError = "";
    private DateTime _unavailableSince;
    private long _hits, _misses, _errors, _invalidations;
    private volatile bool _disposed;

    public RedisResultCache(string endpoint, RedisCacheOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _endpoint = endpoint;
        if (options.MaxResultBytes < 0 || options.Timeout <= TimeSpan.Zero || options.RetryInterval <= TimeSpan.Zero)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                "The Redis cache needs MaxResultBytes >= 0 and a positive Timeout and RetryInterval.");
        try
        {
            _configuration = ConfigurationOptions.Parse(options.Connection);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or RedisException)
        {
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                $"The Redis cache connection string is not valid: {e.Message} Expected host:port, optionally followed by ,password=... or ,ssl=true.", e);
        }
        if (_configuration.EndPoints.Count == 0)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration,
                "The Redis cache connection string names no server; expected host:port, such as 127.0.0.1:6379.");
        int timeout = (int)Math.Clamp(options.Timeout.TotalMilliseconds, 1, int.MaxValue);
        // A dead Redis must cost a query little: fail at once while disconnected (no backlog), wait at
        // most the timeout for a command, and reconnect in the background at the retry pace.
        _configuration.AbortOnConnectFail = false;
        _configuration.ConnectTimeout = timeout;
        _configuration.SyncTimeout = timeout;
        _configuration.AsyncTimeout = timeout;
        _configuration.ConnectRetry = 1;
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _configuration.ReconnectRetryPolicy = new LinearRetry((int)Math.Clamp(options.RetryInterval.TotalMilliseconds, 1, int.MaxValue));
        _configuration.ClientName ??= "TripleStore";
        Server = string.Join(",", _configuration.EndPoints.Select(Format));
        var ns = $"{options.KeyPrefix}:{{{endpoint}}}:";
        _generationKey = ns + "gen";
        _entryPrefix = ns + "r:";
        Connect();
        if (_redis?.IsConnected != true) Unavailable($"no connection to {Server}", null);
    }

    /// <summary>The Redis server(s), without the password.</summary>
    public string Server { get; }

    public RedisCacheOptions Options => _options;

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public long Errors => Interlocked.Read(ref _errors);
    public long Invalidations => Interlocked.Read(ref _invalidations);

    /// <summary>Connected, or Unavailable (queries go to the endpoint uncached).</summary>
    public string State => Volatile.Read(ref _degraded) == 0 && _redis?.IsConnected == true ? "Connected" : "Unavailable";

    private static string Format(System.Net.EndPoint endpoint) => endpoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    };

    private void Connect()
    {
        lock (_connectGate)
        {
            if (_redis is not null || _disposed) return;
            try
            {
                var redis = ConnectionMultiplexer.Connect(_configuration);
                redis.ConnectionRestored += (_, _) => Task.Run(OnRestored);
                _redis = redis;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException or ArgumentException)
            {
                _lastError = e.Message;
            }
        }
    }

    /// <summary>Pending work when Redis comes back: the invalidations that could not be sent while it was away.</summary>
    private void OnRestored()
    {
        var redis = _redis;
        if (Volatile.Read(ref _pendingInvalidation) == 0 || _disposed || redis is null) return;
        try
        {
            FlushPendingInvalidation(redis.GetDatabase());
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // The next query tries again.
        }
    }

    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException;

    /// <summary>A database to use now, or null when Redis is known to be unavailable (counted as an error, never thrown).</summary>
    private IDatabase? Database()
    {
        if (_disposed) return null;
        if (_redis is null)
        {
            if (Interlocked.Exchange(ref _reconnecting, 1) == 0)
                Task.Run(() => { try { Connect(); } finally { Volatile.Write(ref _reconnecting, 0); } });
            Unavailable($"no connection to {Server}", null);
            return null;
        }
        if (Environment.TickCount64 < Volatile.Read(ref _skipUntil))
        {
            Skipped();
            return null;
        }
        if (!_redis.IsConnected)
        {
            Unavailable($"no connection to {Server}", null);
            return null;
        }
        var db = _redis.GetDatabase();
        if (Volatile.Read(ref _pendingInvalidation) != 0)
        {
            try
            {
                FlushPendingInvalidation(db);
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                Failed(e);
                return null;
            }
        }
        return db;
    }

    private void FlushPendingInvalidation(IDatabase db)
    {
        if (Interlocked.Exchange(ref _pendingInvalidation, 0) == 0) return;
        try
        {
            db.StringIncrement(_generationKey);
        }
        catch
        {
            Volatile.Write(ref _pendingInvalidation, 1);
            throw;
        }
        Interlocked.Increment(ref _invalidations);
        StoreMetrics.RecordCacheInvalidations(CacheName, 1);
        _logger.LogInformation("Sent the invalidation of {Endpoint}'s cached results that waited for Redis at {Server}.", _endpoint, Server);
    }

    /// <summary>
    /// Looks a query up. Null when the query may not be cached (its form has no TTL, it calls RAND, NOW,
    /// ...) or Redis is unavailable; otherwise a ticket that holds the cached response, if any, and to
    /// which a miss's response is handed once read.
    /// </summary>
    public RedisCacheTicket? Lookup(string query, QueryForm form, string accept)
    {
        if (_options.TtlFor(form) is not { } ttl) return null;
        var normalized = SparqlTextNormalizer.Normalize(query, out bool cacheable);
        if (!cacheable) return null;
        var db = Database();
        if (db is null) return null;
        var hash = Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(normalized + "\n" + accept)));
        try
        {
            var generation = db.StringGet(_generationKey);
            var key = _entryPrefix + (generation.IsNull ? "0" : generation.ToString()) + ":" + hash;
            var value = (byte[]?)db.StringGet(key);
            Recovered();
            var entry = value is null ? null : CachedResponse.Decode(value);
            if (entry is null)
            {
                Interlocked.Increment(ref _misses);
                StoreMetrics.RecordCacheLookup(CacheName, hit: false);
            }
            else
            {
                Interlocked.Increment(ref _hits);
                StoreMetrics.RecordCacheLookup(CacheName, hit: true);
            }
            return new RedisCacheTicket(this, key, ttl, entry);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Failed(e);
            return null;
        }
    }

    /// <summary>Puts a response read to the end under the key of its lookup (whose generation a write may since have retired).</summary>
    internal void Store(string key, TimeSpan ttl, string mediaType, byte[] body)
    {
        if (body.Length > _options.MaxResultBytes) return;
        var db = Database();
        if (db is null) return;
        try
        {
            db.StringSet(key, CachedResponse.Encode(mediaType, body), ttl);
            Recovered();
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Failed(e);
        }
    }

    /// <summary>
    /// Retires every cached result of this endpoint, for every host: called after each write through the
    /// module (also a failed one, which may have changed part of the data). When Redis is unavailable the
    /// increment waits and is sent first thing when it answers again.
    /// </summary>
    public void Invalidate()
    {
        Volatile.Write(ref _pendingInvalidation, 1);
        var db = Database();
        if (db is null) return;
        try
        {
            FlushPendingInvalidation(db);
            Recovered();
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Failed(e);
        }
    }

    /// <summary>A health check: Healthy when Redis answers a PING, Degraded (never worse: queries still work) when it does not.</summary>
    public HealthCheck Check()
    {
        var redis = _redis;
        if (redis?.IsConnected == true)
        {
            try
            {
                var latency = redis.GetDatabase().Ping();
                Volatile.Write(ref _skipUntil, 0);
                Recovered();
                return new HealthCheck("RedisCache", HealthStatus.Healthy, $"{latency.TotalMilliseconds:0.###} ms", null,
                    $"Redis at {Server} answered PING in {latency.TotalMilliseconds:0.###} ms; {Hits} hit(s), {Misses} miss(es), {Errors} error(s) so far.");
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                Failed(e);
            }
        }
        else Unavailable($"no connection to {Server}", null, count: false);
        return new HealthCheck("RedisCache", HealthStatus.Degraded, "unavailable", "Connected",
            $"The Redis cache at {Server} is unavailable since {_unavailableSince:yyyy-MM-dd HH:mm:ss} UTC ({_lastError}); queries go to {_endpoint} uncached, and the cache is used again once Redis answers.");
    }

    private void Failed(Exception e)
    {
        Volatile.Write(ref _skipUntil, Environment.TickCount64 + (long)_options.RetryInterval.TotalMilliseconds);
        Unavailable(e.Message, e);
    }

    private void Skipped()
    {
        Interlocked.Increment(ref _errors);
        StoreMetrics.RecordCacheError(CacheName);
    }

    /// <summary>Counts the failure; the first one of an outage is logged as a warning, the others are not.</summary>
    private void Unavailable(string reason, Exception? exception, bool count = true)
    {
        if (count) Skipped();
        _lastError = reason;
        if (Interlocked.CompareExchange(ref _degraded, 1, 0) != 0) return;
        _unavailableSince = DateTime.UtcNow;
        _logger.LogWarning("The Redis cache at {Server} is unavailable ({Reason}); queries go to {Endpoint} without the shared cache until it answers again.",
            Server, reason, _endpoint);
    }

    private void Recovered()
    {
        if (Interlocked.CompareExchange(ref _degraded, 0, 1) != 1) return;
        _logger.LogInformation("The Redis cache at {Server} answers again; queries to {Endpoint} use it again.", Server, _endpoint);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (_connectGate)
        {
            _redis?.Dispose();
            _redis = null;
        }
    }
}

/// <summary>One lookup in the shared cache: the cached response (a hit) or where to put the response of a miss.</summary>
internal sealed class RedisCacheTicket(RedisResultCache cache, string key, TimeSpan ttl, CachedResponse? entry)
{
    public CachedResponse? Entry { get; } = entry;

    public void Fill(string mediaType, byte[]? body)
    {
        if (body is not null) cache.Store(key, ttl, mediaType, body);
    }
}

/// <summary>A response as the endpoint sent it: its media type and body, so a hit is read by the same parsers as a fresh answer.</summary>
internal sealed record CachedResponse(string MediaType, byte[] Body)
{
    public static byte[] Encode(string mediaType, byte[] body)
    {
        var type = Encoding.UTF8.GetBytes(mediaType);
        var value = new byte[type.Length + 1 + body.Length];
        type.CopyTo(value, 0);
        value[type.Length] = (byte)'\n';
        body.CopyTo(value, type.Length + 1);
        return value;
    }

    public static CachedResponse? Decode(byte[] value)
    {
        int newline = Array.IndexOf(value, (byte)'\n');
        return newline <= 0 ? null : new CachedResponse(Encoding.UTF8.GetString(value, 0, newline), value[(newline + 1)..]);
    }
}
