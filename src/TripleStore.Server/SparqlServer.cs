using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TripleStore.Server;

/// <summary>
/// Serves one store over HTTP: the SPARQL 1.1 Protocol at /sparql, the Graph Store HTTP Protocol at
/// /store, health at /health/live and /health/ready, and Prometheus metrics at /metrics. Each request
/// runs on the thread pool against its own snapshot; writes go through the store's single writer.
/// </summary>
public sealed class SparqlServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Authorizer _authorizer;
    private readonly ServerMetrics _metrics;
    private readonly SparqlEndpoint _sparql;
    private readonly GraphStoreEndpoint _graphStore;
    private readonly object _gate = new();
    private int _active;
    private long _requests;
    private Task? _acceptLoop;
    private volatile ServerState _state = ServerState.Created;

    public SparqlServer(RdfStore store, SparqlServerOptions? options = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Options = options ?? new SparqlServerOptions();
        if (Options.Port is < 0 or > 65535)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, $"Port {Options.Port} is not a TCP port (0-65535).");
        if (Options.MaxRequestBodyBytes <= 0 || Options.MaxResultRows is <= 0)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, "The request body and result row limits must be positive.");
        if (!string.IsNullOrEmpty(Options.UserName) && Options.UserName.Contains(':'))
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, "A Basic authentication user name cannot contain ':'.");
        _authorizer = new Authorizer(Options);
        _metrics = new ServerMetrics(store);
        _sparql = new SparqlEndpoint(this);
        _graphStore = new GraphStoreEndpoint(this);
    }

    public RdfStore Store { get; }

    public SparqlServerOptions Options { get; }

    public ServerState State => _state;

    /// <summary>The port listened on (the one chosen when <see cref="SparqlServerOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    /// <summary>The server's root, e.g. http://127.0.0.1:7878/.</summary>
    public string Url => $"http://{HostForUrl}:{Port}/";

    /// <summary>The SPARQL endpoint, also the base IRI of queries and updates that have none.</summary>
    public string SparqlUrl => Url + "sparql";

    /// <summary>The Graph Store endpoint; graphs created by POST get IRIs under it.</summary>
    public string GraphStoreUrl => Url + "store";

    public DateTime? StartedUtc { get; private set; }

    /// <summary>Requests answered so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    internal Authorizer Authorizer => _authorizer;

    internal ServerMetrics Metrics => _metrics;

    internal CancellationToken StoppingToken => _stopping.Token;

    private string HostForUrl => Options.Address is "0.0.0.0" or "*" or "+" ? "localhost" : Options.Address.Contains(':') ? $"[{Options.Address}]" : Options.Address;

    /// <summary>Starts listening; returns at once. Throws <see cref="ErrorCodes.ServerStartFailed"/> when the address cannot be bound.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != ServerState.Created)
                throw new InvalidOperationException("A server starts once; create a new one to serve again.");
            Port = Options.Port == 0 ? FreePort() : Options.Port;
            var host = Options.Address is "0.0.0.0" or "*" or "+" ? "+" : Options.Address.Contains(':') ? $"[{Options.Address}]" : Options.Address;
            _listener.Prefixes.Add($"http://{host}:{Port}/");
            _listener.IgnoreWriteExceptions = true;
            try
            {
                _listener.Start();
            }
            catch (Exception e) when (e is HttpListenerException or SocketException or ArgumentException)
            {
                _state = ServerState.Stopped;
                throw new TripleStoreException(ErrorCodes.ServerStartFailed, ErrorKind.InvalidOperation,
                    $"Cannot listen on {Options.Address}:{Port}: {e.Message} (is the port in use?)", e);
            }
            StartedUtc = DateTime.UtcNow;
            _state = ServerState.Running;
            _metrics.SetUp(true);
            _acceptLoop = Task.Run(AcceptLoop);
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>
    /// Stops taking requests, lets running ones finish for <see cref="SparqlServerOptions.ShutdownGrace"/>,
    /// then cancels what is left. The store stays open: it belongs to the caller.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_state is ServerState.Stopped) return;
            if (_state is ServerState.Created)
            {
                _state = ServerState.Stopped;
                return;
            }
            _state = ServerState.Stopping;
        }
        _metrics.SetUp(false);
        try
        {
            _listener.Stop();
        }
        catch (ObjectDisposedException)
        {
        }
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _active) > 0 && deadline.Elapsed < Options.ShutdownGrace) Thread.Sleep(10);
        _stopping.Cancel();
        while (Volatile.Read(ref _active) > 0 && deadline.Elapsed < Options.ShutdownGrace + TimeSpan.FromSeconds(5)) Thread.Sleep(10);
        try
        {
            _acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _listener.Close();
        _metrics.Dispose();
        _state = ServerState.Stopped;
    }

    public void Dispose() => Stop();

    private async Task AcceptLoop()
    {
        while (_state == ServerState.Running)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                if (_state != ServerState.Running) return;
                continue;
            }
            Interlocked.Increment(ref _active);
            ThreadPool.UnsafeQueueUserWorkItem(static state =>
            {
                var (server, ctx) = state;
                try
                {
                    server.Handle(ctx);
                }
                finally
                {
                    Interlocked.Decrement(ref server._active);
                }
            }, (this, context), preferLocal: false);
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var clock = Stopwatch.StartNew();
        var request = context.Request;
        var response = context.Response;
        var path = RequestBody.RawPath(request);
        var endpoint = EndpointName(path);
        int status = 500;
        using (_metrics.TrackInFlight())
        {
            var body = new ResponseBody(response);
            try
            {
                response.Headers["Server"] = "TripleStore";
                if (_state != ServerState.Running)
                    throw new HttpError(503, "The server is shutting down.");
                Dispatch(endpoint, path, context, body);
                status = response.StatusCode;
                body.Complete();
            }
            catch (Exception e)
            {
                status = Fail(e, request, response, body);
            }
        }
        Interlocked.Increment(ref _requests);
        _metrics.Record(endpoint, request.HttpMethod, status, clock.Elapsed);
    }

    private static string EndpointName(string path) => path switch
    {
        "/sparql" or "/sparql/" => "sparql",
        "/store" or "/store/" => "store",
        _ when path.StartsWith("/store/", StringComparison.Ordinal) => "store",
        "/health/live" => "live",
        "/health/ready" => "ready",
        "/metrics" => "metrics",
        "/" => "root",
        _ => "other",
    };

    private void Dispatch(string endpoint, string path, HttpListenerContext context, ResponseBody body)
    {
        switch (endpoint)
        {
            case "sparql": _sparql.Handle(context, body); break;
            case "store": _graphStore.Handle(context, path, body); break;
            case "live": HealthEndpoint.Handle(this, context, body, readiness: false); break;
            case "ready": HealthEndpoint.Handle(this, context, body, readiness: true); break;
            case "metrics": ServeMetrics(context, body); break;
            case "root": ServeIndex(context, body); break;
            default: throw new HttpError(404, $"Nothing at {path}; the endpoints are /sparql, /store, /health/live, /health/ready and /metrics.");
        }
    }

    private void ServeMetrics(HttpListenerContext context, ResponseBody body)
    {
        RequireMethod(context.Request, "GET", "HEAD");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        if (context.Request.HttpMethod == "HEAD") return;
        _metrics.WriteAsync(body, _stopping.Token).GetAwaiter().GetResult();
    }

    private void ServeIndex(HttpListenerContext context, ResponseBody body)
    {
        RequireMethod(context.Request, "GET", "HEAD");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (context.Request.HttpMethod == "HEAD") return;
        var text = $"TripleStore server for {Store.Path}\n" +
                   $"SPARQL 1.1 Protocol:  {SparqlUrl}\nGraph Store Protocol: {GraphStoreUrl}\n" +
                   $"Health:               {Url}health/live  {Url}health/ready\nMetrics:              {Url}metrics\n";
        body.Write(Encoding.UTF8.GetBytes(text));
    }

    internal static void RequireMethod(HttpListenerRequest request, params string[] allowed)
    {
        if (!allowed.Contains(request.HttpMethod))
            throw new HttpError(405, $"{request.HttpMethod} is not allowed here; use {string.Join(" or ", allowed)}.").With("Allow", string.Join(", ", allowed));
    }

    /// <summary>Answers a failure: a status and a one-paragraph message if nothing was sent yet, else aborts the connection.</summary>
    private static int Fail(Exception e, HttpListenerRequest request, HttpListenerResponse response, ResponseBody body)
    {
        if (e is HttpListenerException or IOException && body.BytesWritten > 0 && e is not HttpError)
        {
            // The client went away mid-response.
            Abort(response);
            return 499;
        }
        var error = e switch
        {
            HttpError h => h,
            TripleStoreException t => HttpError.From(t),
            OperationCanceledException => new HttpError(503, "The request was canceled because the server is shutting down."),
            _ => new HttpError(500, $"The server failed to answer ({e.GetType().Name}): {e.Message}"),
        };
        if (body.IsCommitted)
        {
            // The status line is gone; cutting the chunked stream short is the only honest signal left.
            Abort(response);
            return error.Status;
        }
        try
        {
            body.Discard();
            response.StatusCode = error.Status;
            response.ContentType = "text/plain; charset=utf-8";
            if (error.Code is not null) response.Headers["TripleStore-Error"] = error.Code;
            foreach (var (name, value) in error.Headers) response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(error.Message + "\n");
            if (request.HttpMethod != "HEAD") body.Write(bytes);
            body.Complete();
        }
        catch (Exception)
        {
            Abort(response);
        }
        return error.Status;
    }

    private static void Abort(HttpListenerResponse response)
    {
        try
        {
            response.Abort();
        }
        catch (Exception)
        {
        }
    }
}
