using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace TripleStore.Remote;

/// <summary>
/// Sends protocol requests to one remote store through a Polly pipeline (retry → circuit breaker →
/// per-attempt timeout) and turns every failure into a <see cref="RemoteEndpointException"/> that names
/// the endpoint, the status and the server's message.
/// </summary>
internal sealed class SparqlHttpClient : IDisposable
{
    private static readonly ResiliencePropertyKey<bool> IdempotentKey = new("TripleStore.Idempotent");
    private static readonly ResiliencePropertyKey<string> EndpointKey = new("TripleStore.Endpoint");
    private static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeoutKey = new("TripleStore.AttemptTimeout");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CircuitBreakerStateProvider _breaker = new();
    private readonly ILogger _logger;
    private readonly RemoteResilienceOptions _resilience;
    private readonly string _name;
    private long _retries;
    private long _breakerOpenings;

    public SparqlHttpClient(string name, RemoteStoreOptions options)
    {
        _name = name;
        _resilience = options.Resilience;
        _logger = options.Logger ?? NullLogger.Instance;
        var handler = options.Handler ?? new SocketsHttpHandler
        {
            Credentials = options.Credential,
            PreAuthenticate = options.Credential is not null,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = false,
            SslOptions = options.SkipCertificateCheck
                // Asked for explicitly (self-signed test servers); never the default.
                ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true }
                : new System.Net.Security.SslClientAuthenticationOptions(),
        };
        // Timeouts belong to the pipeline (per attempt) and to the streaming reads, not to HttpClient.
        _http = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        foreach (var (key, value) in options.Headers) _http.DefaultRequestHeaders.TryAddWithoutValidation(key, value);
        _pipeline = Build(options.Resilience);
    }

    /// <summary>Retries made so far (all endpoints of this store).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>How many times the circuit has opened.</summary>
    public long BreakerOpenings => Interlocked.Read(ref _breakerOpenings);

    public CircuitState BreakerState => _breaker.CircuitState;

    public RemoteResilienceOptions Resilience => _resilience;

    private ResiliencePipeline<HttpResponseMessage> Build(RemoteResilienceOptions o)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        try
        {
            if (o.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = o.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = o.UseJitter,
                    Delay = o.RetryBaseDelay,
                    MaxDelay = o.RetryMaxDelay,
                    // Only requests that may run twice without changing the outcome are repeated.
                    ShouldHandle = args => ValueTask.FromResult(args.Context.Properties.GetValue(IdempotentKey, false) && IsTransient(args.Outcome)),
                    OnRetry = args =>
                    {
                        Interlocked.Increment(ref _retries);
                        var endpoint = args.Context.Properties.GetValue(EndpointKey, _name);
                        var reason = Describe(args.Outcome);
                        RemoteTelemetry.Retries.Add(1, new("triplestore.remote.endpoint", endpoint), new("triplestore.remote.reason", reason));
                        _logger.LogWarning("Retry {Attempt} of a request to {Endpoint} in {Delay} ms after: {Reason}",
                            args.AttemptNumber + 1, endpoint, (int)args.RetryDelay.TotalMilliseconds, reason);
                        return default;
                    },
                });
            }
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = o.FailureRatio,
                MinimumThroughput = o.MinimumThroughput,
                SamplingDuration = o.SamplingDuration,
                BreakDuration = o.BreakDuration,
                StateProvider = _breaker,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnOpened = args =>
                {
                    Interlocked.Increment(ref _breakerOpenings);
                    RemoteTelemetry.BreakerTransitions.Add(1, new("triplestore.remote.endpoint", _name), new("triplestore.remote.breaker.state", "open"));
                    _logger.LogError("Circuit to {Endpoint} opened for {Seconds} s after: {Reason}", _name, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    RemoteTelemetry.BreakerTransitions.Add(1, new("triplestore.remote.endpoint", _name), new("triplestore.remote.breaker.state", "half-open"));
                    _logger.LogInformation("Circuit to {Endpoint} half-open: letting a trial request through", _name);
                    return default;
                },
                OnClosed = _ =>
                {
                    RemoteTelemetry.BreakerTransitions.Add(1, new("triplestore.remote.endpoint", _name), new("triplestore.remote.breaker.state", "closed"));
                    _logger.LogInformation("Circuit to {Endpoint} closed again", _name);
                    return default;
                },
            });
            // Per attempt, until the response headers arrive; a request may ask for longer (a query with its own timeout).
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = o.Timeout,
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeoutKey, o.Timeout)),
            });
            return builder.Build();
        }
        catch (System.ComponentModel.DataAnnotations.ValidationException e)
        {
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, $"The remote store's resilience settings are invalid: {e.Message}", e);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException => true,
        null => outcome.Result is { } r && (r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
        _ => false,
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? $"{e.GetType().Name}: {e.Message}" : $"HTTP {(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}";

    /// <summary>
    /// Sends a request built fresh for every attempt and returns the successful response with its body
    /// not yet read (headers only), so results can stream. The per-attempt timeout covers the wait for
    /// the headers only; <paramref name="attemptTimeout"/> lengthens it for this request (a server that
    /// buffers a large result sends its headers only when the whole result is ready).
    /// </summary>
    public HttpResponseMessage Send(Func<HttpRequestMessage> build, bool idempotent, CancellationToken cancellation, TimeSpan? attemptTimeout = null)
    {
        string endpoint = _name;
        var timeout = attemptTimeout is { } longer && longer > _resilience.Timeout ? longer : _resilience.Timeout;
        var context = ResilienceContextPool.Shared.Get(cancellation);
        context.Properties.Set(IdempotentKey, idempotent);
        context.Properties.Set(AttemptTimeoutKey, timeout);
        HttpResponseMessage response;
        try
        {
            response = _pipeline.Execute(static (ctx, state) =>
            {
                using var request = state.build();
                ctx.Properties.Set(EndpointKey, Endpoint(request.RequestUri!));
                return state.http.Send(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
            }, context, (build, http: _http));
            endpoint = context.Properties.GetValue(EndpointKey, _name);
        }
        catch (BrokenCircuitException e)
        {
            RemoteTelemetry.Requests.Add(1, new("triplestore.remote.endpoint", _name), new("triplestore.remote.outcome", "circuit-open"));
            var wait = e.RetryAfter is { } after ? $" for another {after.TotalSeconds:0.#} s" : "";
            throw new RemoteEndpointException(ErrorCodes.RemoteEndpointUnavailable, ErrorKind.IO, _name, null, null,
                $"The endpoint {_name} is failing, so its circuit breaker is open and calls fail fast{wait}; it closes again once a trial call succeeds.", e);
        }
        catch (TimeoutRejectedException e)
        {
            endpoint = context.Properties.GetValue(EndpointKey, _name);
            RemoteTelemetry.Requests.Add(1, new("triplestore.remote.endpoint", endpoint), new("triplestore.remote.outcome", "timeout"));
            throw new RemoteEndpointException(ErrorCodes.RemoteEndpointTimeout, ErrorKind.Timeout, endpoint, null, null,
                $"The endpoint {endpoint} did not answer within {timeout.TotalSeconds:0.###} s (RemoteResilienceOptions.Timeout, the wait for the response headers){(idempotent ? $", in {1 + _resilience.MaxRetryAttempts} attempt(s)" : "")}.", e);
        }
        catch (HttpRequestException e)
        {
            endpoint = context.Properties.GetValue(EndpointKey, _name);
            RemoteTelemetry.Requests.Add(1, new("triplestore.remote.endpoint", endpoint), new("triplestore.remote.outcome", "unreachable"));
            throw new RemoteEndpointException(ErrorCodes.RemoteEndpointUnavailable, ErrorKind.IO, endpoint, null, null,
                $"The endpoint {endpoint} could not be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
        {
            throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled, "The request was canceled.", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        if (response.IsSuccessStatusCode)
        {
            RemoteTelemetry.Requests.Add(1, new("triplestore.remote.endpoint", endpoint), new("triplestore.remote.outcome", "ok"));
            return response;
        }
        using (response)
        {
            RemoteTelemetry.Requests.Add(1, new("triplestore.remote.endpoint", endpoint), new("triplestore.remote.outcome", "http-" + (int)response.StatusCode));
            string message = ServerMessage(response);
            int status = (int)response.StatusCode;
            _logger.LogError("{Endpoint} answered HTTP {Status}: {Message}", endpoint, status, message);
            var (code, kind) = response.StatusCode switch
            {
                HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway => (ErrorCodes.RemoteEndpointUnavailable, ErrorKind.IO),
                HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout => (ErrorCodes.RemoteEndpointTimeout, ErrorKind.Timeout),
                _ => (ErrorCodes.RemoteEndpointError, ErrorKind.QueryEvaluation),
            };
            throw new RemoteEndpointException(code, kind, endpoint, status, message,
                $"The endpoint {endpoint} answered HTTP {status} {response.ReasonPhrase}: {(message.Length == 0 ? "(no message)" : message)}");
        }
    }

    /// <summary>The body of a response as a stream that times out when the server stalls.</summary>
    public Stream ReadBody(HttpResponseMessage response, CancellationToken cancellation) =>
        new ReadTimeoutStream(response.Content.ReadAsStream(cancellation), _resilience.ReadTimeout, Endpoint(response.RequestMessage?.RequestUri), cancellation);

    private string ServerMessage(HttpResponseMessage response)
    {
        try
        {
            using var cts = new CancellationTokenSource(_resilience.ReadTimeout);
            var text = response.Content.ReadAsStringAsync(cts.Token).GetAwaiter().GetResult();
            // Servers send HTML pages or long echoes of the query; keep the start, which says what went wrong.
            if (response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml")
                text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]+>", " ");
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
            return text.Length > 600 ? text[..600] + "…" : text;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return "";
        }
    }

    /// <summary>The URL without its query string (which may hold a long query or credentials).</summary>
    public static string Endpoint(Uri? uri) => uri is null ? "" : uri.GetLeftPart(UriPartial.Path);

    public static MediaTypeWithQualityHeaderValue Accept(string type, double? quality = null) =>
        quality is { } q ? new MediaTypeWithQualityHeaderValue(type, q) : new MediaTypeWithQualityHeaderValue(type);

    public void Dispose() => _http.Dispose();
}
