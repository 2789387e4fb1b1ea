using System.Collections;
using System.Management.Automation;
using TripleStore.Remote;
using TripleStore.Configuration;
using TripleStore.PowerShell.Stores;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Opens a store (a folder, or a remote SPARQL endpoint) and makes it the session's current store.</para>
/// <para type="description">With -Path the store is embedded (created when missing). With -Endpoint it is a
/// remote store reached over the SPARQL 1.1 Protocol; every store cmdlet then works on it the same way.</para>
/// </summary>
[Cmdlet(VerbsCommon.Open, "TripleStore", DefaultParameterSetName = PathSet)]
[OutputType(typeof(RdfStore), ParameterSetName = new[] { PathSet })]
[OutputType(typeof(RemoteStore), ParameterSetName = new[] { EndpointSet })]
public sealed class OpenTripleStoreCommand : TripleStoreCmdlet
{
    private const string PathSet = "Path";
    private const string EndpointSet = "Endpoint";

    /// <summary>The store's folder; created with the store when missing, unless -ReadOnly.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The SPARQL query endpoint of a remote store, such as http://host:8890/sparql.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EndpointSet)]
    [ValidateNotNull]
    public Uri? Endpoint { get; set; }

    /// <summary>Where updates go; by default the query endpoint.</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    public Uri? UpdateEndpoint { get; set; }

    /// <summary>A Graph Store HTTP Protocol endpoint; when given, Import-Rdf posts chunks to it.</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    public Uri? GraphStoreEndpoint { get; set; }

    /// <summary>Credentials for the endpoints (Basic or Digest authentication).</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Accept any TLS certificate from https endpoints (self-signed test servers); off by default.</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Headers sent with every request, such as @{ 'X-Api-Key' = $key }.</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    public Hashtable? Header { get; set; }

    /// <summary>Timeouts, retries and circuit breaker settings, as a hashtable (see docs/remote.md).</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    public Hashtable? Resilience { get; set; }

    /// <summary>Statements per request when Import-Rdf sends files to the remote store.</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    [ValidateRange(1, 10_000_000)]
    public int ImportChunkSize { get; set; } = 2_000;

    /// <summary>
    /// A Redis server (a StackExchange.Redis connection string such as 127.0.0.1:6379) to share query results
    /// through, in front of the remote store; it beats the RedisCacheConnection setting.
    /// </summary>
    [Parameter(ParameterSetName = EndpointSet)]
    [ValidateNotNullOrEmpty]
    public string? RedisCache { get; set; }

    /// <summary>Endpoint URL prefixes or host names that SERVICE in this store's queries may call; none by default.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string[]? FederationAllow { get; set; }

    /// <summary>Open for reading only (embedded: beside a writer in another process; remote: writes are refused).</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>A named set of RocksDB and limit settings (docs/tuning.md); it beats TRIPLESTORE_PRESET and a file's Preset.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = EndpointSet)]
    [ValidateSet(ConfigurationArgument.Development, ConfigurationArgument.ProductionLargeMemory, ConfigurationArgument.ProductionLowMemory,
        ConfigurationArgument.QueryHeavy, ConfigurationArgument.BulkLoad, IgnoreCase = true)]
    public string? Preset { get; set; }

    /// <summary>Settings that beat every other source, e.g. @{ BlockCacheBytes = '1GB'; QueryTimeout = '30s' }.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = EndpointSet)]
    public Hashtable? Option { get; set; }

    /// <summary>A JSON file of settings (flat, or grouped under Storage, Limits, Errors); TRIPLESTORE_CONFIG_FILE names one by default.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = EndpointSet)]
    [ValidateNotNullOrEmpty]
    public string? ConfigurationFile { get; set; }

    private bool _safeMessages;

    protected override bool SafeMessages => _safeMessages || base.SafeMessages;

    /// <summary>Take scheduled backups into this folder while the store is open (with -BackupInterval).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? BackupDestination { get; set; }

    /// <summary>How often to back up: seconds or a TimeSpan (with -BackupDestination).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Queries.TimeoutTransformation]
    public TimeSpan BackupInterval { get; set; }

    /// <summary>How many scheduled backups to keep in -BackupDestination (0 keeps all).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ValidateRange(0, int.MaxValue)]
    public int BackupKeep { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == EndpointSet)
        {
            ConnectRemote();
            return;
        }
        var folder = ResolveDestinationPath(Path);
        StoreConfiguration configuration;
        try
        {
            // Resolved (and checked) before anything opens.
            configuration = ConfigurationArgument.Resolve(Preset, Option,
                ConfigurationFile is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigurationFile));
            bool destination = BackupDestination is not null, interval = MyInvocation.BoundParameters.ContainsKey(nameof(BackupInterval));
            if (destination != interval || (!destination && MyInvocation.BoundParameters.ContainsKey(nameof(BackupKeep))))
                throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    "Scheduled backups need both -BackupDestination and -BackupInterval (and -BackupKeep only with them).");
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, Option ?? (object?)ConfigurationFile ?? Preset ?? BackupDestination);
            return;
        }
        _safeMessages = configuration.SafeMessages;
        if (configuration.Preset is not null)
            WriteVerbose($"Configuration: preset {configuration.Preset} ({configuration.PresetSource}); "
                + $"{configuration.Entries.Count(e => e.Source != ConfigurationSource.Default)} setting(s) differ from the defaults.");
        try
        {
            Remote.FederationOptions? federation = null;
            if (FederationAllow is { Length: > 0 } allow)
            {
                federation = new Remote.FederationOptions
                {
                    AllowedEndpoints = allow.Where(a => a.Contains("://", StringComparison.Ordinal)).ToArray(),
                    AllowedHosts = allow.Where(a => !a.Contains("://", StringComparison.Ordinal)).ToArray(),
                };
            }
            var session = StoreSession.ForCurrentRunspace();
            var store = session.Open(folder, ReadOnly.IsPresent, configuration, federation);
            if (BackupDestination is not null)
            {
                // The schedule lives as long as the store stays open in this session; its outcomes reach Get-TripleStoreHealth.
                var schedule = new Operations.BackupSchedule(store, ResolveDestinationPath(BackupDestination), BackupInterval,
                    new Operations.BackupOptions { Keep = BackupKeep });
                session.SetBackupSchedule(store, schedule);
                WriteVerbose($"Backing up {store.Path} every {BackupInterval} into {BackupDestination}.");
            }
            WriteObject(store);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, folder);
        }
    }

    private void ConnectRemote()
    {
        RedisCacheOptions? redis;
        try
        {
            // A remote store takes the RedisCache* settings (and SafeMessages) from the same sources as an embedded one.
            var options = Option is null ? new Hashtable() : new Hashtable(Option, StringComparer.OrdinalIgnoreCase);
            if (RedisCache is not null) options["RedisCacheConnection"] = RedisCache;
            var configuration = ConfigurationArgument.Resolve(Preset, options,
                ConfigurationFile is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigurationFile));
            var embeddedOnly = configuration.Entries
                .Where(e => e.Source == ConfigurationSource.Parameter && e.Section is not ("RedisCache" or "Errors")).Select(e => e.Key).ToList();
            if (embeddedOnly.Count > 0)
                throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.InvalidArgument,
                    $"-Option {string.Join(", ", embeddedOnly)}: these settings apply to embedded stores; a remote store takes the RedisCache* settings and SafeMessages.");
            _safeMessages = configuration.SafeMessages;
            redis = RedisCacheOptions.FromConfiguration(configuration);
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, Option ?? (object?)ConfigurationFile ?? Preset ?? RedisCache);
            return;
        }
        try
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Header is not null)
                foreach (DictionaryEntry entry in Header) headers[entry.Key?.ToString() ?? ""] = (entry.Value is PSObject ps ? ps.BaseObject : entry.Value)?.ToString() ?? "";
            if (SkipCertificateCheck.IsPresent)
                WriteWarning($"-SkipCertificateCheck: the certificates of {Endpoint} and its other endpoints are not checked, so the connection is open to impersonation. Use it only for test servers.");
            var store = RemoteStore.Connect(Endpoint!, new RemoteStoreOptions
            {
                UpdateEndpoint = UpdateEndpoint,
                GraphStoreEndpoint = GraphStoreEndpoint,
                Credential = Credential?.GetNetworkCredential(),
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                Headers = headers,
                ReadOnly = ReadOnly.IsPresent,
                Resilience = Stores.ResilienceArgument.From(Resilience),
                ImportChunkSize = ImportChunkSize,
                RedisCache = redis,
            });
            if (redis is not null)
                WriteVerbose($"Results of {store.Location} are shared through Redis at {store.RedisCacheServer} ({store.RedisCacheState}).");
            WriteObject(Stores.StoreSession.ForCurrentRunspace().Add(store));
        }
        catch (TripleStoreException ex)
        {
            WriteEngineError(ex, Endpoint);
        }
    }
}
