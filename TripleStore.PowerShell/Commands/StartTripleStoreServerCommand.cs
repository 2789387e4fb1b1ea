using System.Management.Automation;
using TripleStore.PowerShell.Queries;
using TripleStore.PowerShell.Servers;
using TripleStore.Server;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Serves a store over HTTP: SPARQL 1.1 Protocol, Graph Store Protocol, health and metrics.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "TripleStoreServer", SupportsShouldProcess = true)]
[OutputType(typeof(TripleStoreServer))]
public sealed class StartTripleStoreServerCommand : StoreCmdlet
{
    /// <summary>The TCP port; 0 picks a free one (see the output's Port and Url).</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; } = 7878;

    /// <summary>The address to listen on; loopback by default. 0.0.0.0 (or *) listens on every interface.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>A key that authorizes writes (X-API-Key header or Authorization: Bearer).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiKey { get; set; }

    /// <summary>A user name and password that authorize writes through HTTP Basic authentication.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Refuse every write (updates and Graph Store PUT/POST/DELETE), whatever the credentials.</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>The longest one query may run: seconds or a TimeSpan. Default 60 seconds.</summary>
    [Parameter]
    [TimeoutTransformation]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most solutions or triples one query response carries (default 100000).</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxResultRows { get; set; } = 100_000;

    /// <summary>The largest request body accepted, in bytes (default 64 MB).</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxRequestBodySize { get; set; } = 64L << 20;

    /// <summary>Keep serving until Ctrl+C (or SIGTERM in the bundled host), then stop: for a long-lived process.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    protected override void ProcessRecord()
    {
        var store = TargetStore();
        if (!ShouldProcess($"http://{Address}:{Port}/", $"Serve the store at {store.Path}")) return;
        var options = new SparqlServerOptions
        {
            Address = Address,
            Port = Port,
            ApiKey = ApiKey,
            UserName = Credential?.UserName,
            Password = Credential?.GetNetworkCredential().Password,
            ReadOnly = ReadOnly.IsPresent,
            QueryTimeout = QueryTimeout > TimeSpan.Zero ? QueryTimeout : null,
            MaxResultRows = MaxResultRows,
            MaxRequestBodyBytes = MaxRequestBodySize,
        };
        TripleStoreServer server;
        try
        {
            server = ServerSession.Start(store, options);
        }
        catch (TripleStoreException e)
        {
            ThrowEngineError(e, $"{Address}:{Port}");
            return;
        }
        if (!options.HasCredentials && !options.ReadOnly)
            WriteWarning("No -ApiKey or -Credential: the server refuses every write until it is restarted with one.");
        WriteObject(server);
        if (!Wait) return;
        // The output object may sit in a formatter until the pipeline ends; say where it listens now.
        Host.UI.WriteLine($"Serving {store.Path} at {server.Url} (SPARQL {server.SparqlEndpoint}); Ctrl+C stops.");
        try
        {
            // Until Ctrl+C / SIGTERM (StopProcessing), or until someone stops the server.
            while (!StopToken.WaitHandle.WaitOne(250) && server.Server.State == ServerState.Running) { }
        }
        finally
        {
            ServerSession.Stop(server);
        }
    }
}
