using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Polly.CircuitBreaker;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Formats.SparqlResults;
using TripleStore.Operations;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Update;

namespace TripleStore.Remote;

/// <summary>
/// A store behind a SPARQL 1.1 Protocol endpoint (and optionally a Graph Store HTTP Protocol endpoint):
/// Virtuoso, Fuseki, GraphDB, Neptune, Stardog, QLever, or this engine's own server. Query results
/// stream: rows are yielded while the response is still arriving. Every request goes through the
/// resilience pipeline of <see cref="RemoteResilienceOptions"/>. Thread-safe.
/// </summary>
public sealed class RemoteStore : ITripleStoreConnection
{
    private const int MaxGetUrlLength = 2000;
    private static readonly MediaTypeWithQualityHeaderValue[] ResultsAccept =
    [
        SparqlHttpClient.Accept("application/sparql-results+json"),
        SparqlHttpClient.Accept("application/sparql-results+xml", 0.9),
        SparqlHttpClient.Accept("text/tab-separated-values", 0.5),
    ];
    private static readonly MediaTypeWithQualityHeaderValue[] GraphAccept =
    [
        SparqlHttpClient.Accept("application/n-triples"),
        SparqlHttpClient.Accept("text/turtle", 0.9),
        SparqlHttpClient.Accept("application/rdf+xml", 0.5),
    ];

    private static readonly string ResultsAcceptKey = string.Join(", ", ResultsAccept.Select(a => a.ToString()));
    private static readonly string GraphAcceptKey = string.Join(", ", GraphAccept.Select(a => a.ToString()));

    private readonly SparqlHttpClient _client;
    private readonly RemoteStoreOptions _options;
    private readonly RedisResultCache? _cache;
    private volatile bool _disposed;

    private RemoteStore(Uri queryEndpoint, RemoteStoreOptions options)
    {
        QueryEndpoint = queryEndpoint;
        _options = options;
        // The cache's namespace is the query endpoint without credentials: the data, not the way to it.
        _cache = options.RedisCache is { } redis
            ? new RedisResultCache(queryEndpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped),
                redis, Telemetry.TripleStoreLogging.Wrap(options.Logger, "TripleStore.Remote.RedisCache"))
            : null;
        _client = new SparqlHttpClient(SparqlHttpClient.Endpoint(queryEndpoint), options);
    }

    /// <summary>
    /// Connects to a query endpoint. Nothing is sent yet; use <see cref="CheckHealth"/> to see whether
    /// the endpoint answers. Updates go to <see cref="RemoteStoreOptions.UpdateEndpoint"/> (or the query
    /// endpoint), imports and graph exports to <see cref="RemoteStoreOptions.GraphStoreEndpoint"/> when set.
    /// </summary>
    public static RemoteStore Connect(Uri queryEndpoint, RemoteStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queryEndpoint);
        options ??= new RemoteStoreOptions();
        foreach (var uri in new[] { queryEndpoint, options.UpdateEndpoint, options.GraphStoreEndpoint })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https")))
                throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, $"A remote endpoint must be an absolute http or https URL; got '{uri}'.");
        }
        if (options.ImportChunkSize < 1)
            throw new TripleStoreException(ErrorCodes.Configuration, ErrorKind.Configuration, $"ImportChunkSize must be at least 1; got {options.ImportChunkSize}.");
        return new RemoteStore(queryEndpoint, options);
    }

    public Uri QueryEndpoint { get; }

    public Uri UpdateEndpoint => _options.UpdateEndpoint ?? QueryEndpoint;

    public Uri? GraphStoreEndpoint => _options.GraphStoreEndpoint;

    public string Location => QueryEndpoint.ToString();

    public bool IsReadOnly => _options.ReadOnly;

    public RemoteResilienceOptions Resilience => _client.Resilience;

    /// <summary>Requests retried so far by this store.</summary>
    public long RetryCount => _client.Retries;

    /// <summary>How many times this store's circuit breaker has opened.</summary>
    public long BreakerOpenCount => _client.BreakerOpenings;

    /// <summary>Closed (calls flow), Open (calls fail fast), HalfOpen (one trial call) or Isolated.</summary>
    public string BreakerState => _client.BreakerState.ToString();

    /// <summary>The shared Redis result tier: Off (none configured), Connected, or Unavailable (queries go to the endpoint uncached).</summary>
    public string RedisCacheState => _cache?.State ?? "Off";

    /// <summary>The Redis server(s) of the shared result tier (no password), or empty.</summary>
    public string RedisCacheServer => _cache?.Server ?? "";

    /// <summary>
    /// Sends a query. The response's headers are awaited here (so errors surface at the call), its rows
    /// are read as they are enumerated. <see cref="QueryOptions.Parameters"/> are sent as a trailing
    /// VALUES block; <see cref="QueryOptions.Timeout"/> bounds the whole exchange.
    /// </summary>
    public SparqlResult Query(string query, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfDisposed();
        options ??= QueryOptions.Default;
        var text = WithParameters(query, options.Parameters);
        var form = QueryFormSniffer.Detect(text);
        bool graph = form is QueryForm.Construct or QueryForm.Describe;
        var ticket = options.UseResultCache && _cache is { } cache ? cache.Lookup(text, form, graph ? GraphAcceptKey : ResultsAcceptKey) : null;
        if (ticket?.Entry is { } hit)
            return graph ? new GraphResult(() => ReadCachedTriples(hit), null) : CachedResults(hit, form);
        if (graph)
            return new GraphResult(() => ReadTriples(text, options, ticket), null);

        var cancel = Cancellation(options.CancellationToken, options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = SendQuery(text, ResultsAccept, cancel.Token, options.Timeout);
        }
        catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.Canceled && options.Timeout is { } limit && !options.CancellationToken.IsCancellationRequested)
        {
            cancel.Dispose();
            throw new TripleStoreException(ErrorCodes.QueryTimeout, ErrorKind.Timeout, $"The query ran longer than its timeout of {limit.TotalSeconds:0.###} s and was stopped.", e);
        }
        catch
        {
            cancel.Dispose();
            throw;
        }
        var capture = ticket is null ? null : new CapturingStream(_client.ReadBody(response, cancel.Token), _cache!.Options.MaxResultBytes);
        var reader = OpenResults(response, cancel.Token, capture);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (reader.Boolean is bool || form == QueryForm.Ask)
        {
            using (response)
            using (cancel)
            {
                var answer = new BooleanResult(reader.Boolean ?? AskFromRows(reader), null);
                ticket?.Fill(mediaType, capture!.Complete());
                return answer;
            }
        }
        // The first enumeration reads the response already open (and fills the cache once read to the end); any later one asks again.
        var first = new OpenResponse(response, reader, cancel, ticket is null ? null : () => ticket.Fill(mediaType, capture!.Complete()));
        return new SolutionSequence(reader.Variables, () =>
        {
            var taken = Interlocked.Exchange(ref first, null);
            return taken is not null ? Stream(taken, options.Timeout) : Rerun(text, options);
        }, null);
    }

    /// <summary>A cached SELECT or ASK response, read by the same parser as a fresh one.</summary>
    private SparqlResult CachedResults(CachedResponse hit, QueryForm form)
    {
        var reader = OpenCachedResults(hit);
        if (reader.Boolean is bool || form == QueryForm.Ask) return new BooleanResult(reader.Boolean ?? AskFromRows(reader), null);
        var first = reader;
        return new SolutionSequence(reader.Variables, () => (Interlocked.Exchange(ref first, null) ?? OpenCachedResults(hit)).ReadRows(), null);
    }

    private SparqlResultsReader OpenCachedResults(CachedResponse hit)
    {
        if (!SparqlResultsFormats.TryFromMediaType(hit.MediaType, out var format))
            throw new TripleStoreException(ErrorCodes.RemoteEndpointError, ErrorKind.QueryEvaluation, $"A cached response of {Location} has the unexpected type '{hit.MediaType}'.");
        return SparqlResultsReader.Open(new StreamReader(new MemoryStream(hit.Body), Encoding.UTF8), format, Location);
    }

    private IEnumerable<Triple> ReadCachedTriples(CachedResponse hit)
    {
        using var reader = Rdf(new MemoryStream(hit.Body), hit.MediaType, null);
        while (reader.TryRead(out var quad)) yield return quad.Triple;
    }

    /// <summary>
    /// Some servers (Virtuoso) answer ASK with a one-column result set ("__ASK_RETVAL" = 1 or 0) rather
    /// than a boolean document; a first value of 1 or true means yes.
    /// </summary>
    private static bool AskFromRows(SparqlResultsReader reader)
    {
        var first = reader.ReadRows().FirstOrDefault();
        return first is [Literal { Value: "1" or "true" }, ..];
    }

    private sealed record OpenResponse(HttpResponseMessage Response, SparqlResultsReader Reader, CancellationTokenSource Cancel, Action? Completed = null);

    private IEnumerable<Term?[]> Rerun(string text, QueryOptions options)
    {
        var cancel = Cancellation(options.CancellationToken, options.Timeout);
        var response = SendQuery(text, ResultsAccept, cancel.Token, options.Timeout);
        return Stream(new OpenResponse(response, OpenResults(response, cancel.Token), cancel), options.Timeout);
    }

    private static IEnumerable<Term?[]> Stream(OpenResponse open, TimeSpan? timeout)
    {
        using var cancel = open.Cancel;
        using var response = open.Response;
        using var rows = open.Reader.ReadRows().GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                {
                    open.Completed?.Invoke();
                    yield break;
                }
            }
            catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.Canceled && timeout is { } limit && cancel.IsCancellationRequested)
            {
                throw new TripleStoreException(ErrorCodes.QueryTimeout, ErrorKind.Timeout, $"The query ran longer than its timeout of {limit.TotalSeconds:0.###} s and was stopped.", e);
            }
            yield return rows.Current;
        }
    }

    private SparqlResultsReader OpenResults(HttpResponseMessage response, CancellationToken cancellation, Stream? body = null)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!SparqlResultsFormats.TryFromMediaType(mediaType, out var format))
        {
            response.Dispose();
            throw new RemoteEndpointException(ErrorCodes.RemoteEndpointError, ErrorKind.QueryEvaluation, Location, (int)response.StatusCode, null,
                $"The endpoint {Location} answered a query with '{mediaType}', which is no SPARQL results format (JSON, XML, CSV or TSV).");
        }
        var text = new StreamReader(body ?? _client.ReadBody(response, cancellation), Encoding.UTF8);
        try
        {
            return SparqlResultsReader.Open(text, format, Location);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private IEnumerable<Triple> ReadTriples(string text, QueryOptions options, RedisCacheTicket? ticket)
    {
        using var cancel = Cancellation(options.CancellationToken, options.Timeout);
        using var response = SendQuery(text, GraphAccept, cancel.Token, options.Timeout);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var body = _client.ReadBody(response, cancel.Token);
        var capture = ticket is null ? null : new CapturingStream(body, _cache!.Options.MaxResultBytes);
        using var reader = Rdf(capture ?? body, mediaType, (int)response.StatusCode);
        while (reader.TryRead(out var quad)) yield return quad.Triple;
        ticket?.Fill(mediaType, capture!.Complete());
    }

    private RdfReader Rdf(Stream body, string mediaType, int? status)
    {
        if (!RdfFormats.TryParse(mediaType, out var format))
        {
            // Some servers label N-Triples as text/plain.
            if (mediaType is "text/plain") format = RdfFormat.NTriples;
            else throw new RemoteEndpointException(ErrorCodes.RemoteEndpointError, ErrorKind.QueryEvaluation, Location, status, null,
                $"The endpoint {Location} answered with '{mediaType}', which is no RDF syntax this engine reads.");
        }
        return RdfParser.Create(new StreamReader(body, Encoding.UTF8), format, new RdfReaderOptions { SourceName = Location });
    }

    /// <summary>
    /// A query with its own timeout may wait that long for the response headers: servers such as Virtuoso
    /// build the whole result before they answer, so a large result's headers come late.
    /// </summary>
    private HttpResponseMessage SendQuery(string text, MediaTypeWithQualityHeaderValue[] accept, CancellationToken cancellation, TimeSpan? queryTimeout)
    {
        var url = QueryEndpoint + (QueryEndpoint.Query.Length > 0 ? "&" : "?") + "query=" + Uri.EscapeDataString(text);
        bool get = _options.QueryMethod switch
        {
            RemoteQueryMethod.Get => true,
            RemoteQueryMethod.Post => false,
            _ => url.Length <= MaxGetUrlLength,
        };
        return _client.Send(() =>
        {
            var request = get
                ? new HttpRequestMessage(HttpMethod.Get, url)
                : new HttpRequestMessage(HttpMethod.Post, QueryEndpoint) { Content = new StringContent(text, Encoding.UTF8, "application/sparql-query") };
            foreach (var a in accept) request.Headers.Accept.Add(a);
            return request;
        }, idempotent: true, cancellation, queryTimeout);
    }

    private static CancellationTokenSource Cancellation(CancellationToken token, TimeSpan? timeout)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (timeout is { } t) cts.CancelAfter(t);
        return cts;
    }

    private static string WithParameters(string query, IReadOnlyDictionary<string, Term>? parameters)
    {
        if (parameters is null || parameters.Count == 0) return query;
        // Sorted, so the same bindings give the same text (and the same shared-cache key).
        var names = parameters.Keys.Order(StringComparer.Ordinal).ToList();
        return query + "\nVALUES (" + string.Join(" ", names.Select(n => "?" + n)) + ") { (" + string.Join(" ", names.Select(n => parameters[n].ToString())) + ") }";
    }

    /// <summary>
    /// Sends a SPARQL 1.1 Update request. It is not retried (running it twice could change the outcome);
    /// the result's quad counts are -1 because the protocol does not report them.
    /// </summary>
    public UpdateResult Update(string request, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfWritesRefused();
        options ??= UpdateOptions.Default;
        var stopwatch = Stopwatch.StartNew();
        using var cancel = Cancellation(options.CancellationToken, options.Timeout);
        try
        {
            SendUpdate(request, idempotent: false, cancel.Token);
        }
        finally
        {
            // Also after a failure: the server may have applied part of it.
            _cache?.Invalidate();
        }
        return new UpdateResult(-1, -1, 1, stopwatch.Elapsed);
    }

    private void SendUpdate(string request, bool idempotent, CancellationToken cancellation)
    {
        using var response = _client.Send(() => new HttpRequestMessage(HttpMethod.Post, UpdateEndpoint)
        {
            Content = new StringContent(request, Encoding.UTF8, "application/sparql-update"),
        }, idempotent, cancellation);
    }

    /// <summary>
    /// Imports RDF files in chunks of <see cref="RemoteStoreOptions.ImportChunkSize"/> statements, each one
    /// request (Graph Store POST when a Graph Store endpoint is set, else INSERT DATA), in file order. A
    /// chunk without blank nodes is idempotent and retried; a failed chunk stops the import with a
    /// <see cref="RemoteImportException"/> whose summary lists the chunks that landed. Unlike an embedded
    /// import this is not atomic: the landed chunks stay, and re-running the import is safe for data
    /// without blank nodes (the server keeps one copy of each triple). Blank node labels are scoped per chunk.
    /// </summary>
    public ImportSummary Import(IEnumerable<string> paths, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ThrowIfWritesRefused();
        options ??= new ImportOptions();
        var files = paths.Select(p =>
        {
            var full = Path.GetFullPath(p);
            if (!File.Exists(full)) throw new TripleStoreException(ErrorCodes.FileNotFound, ErrorKind.NotFound, $"File not found: {full}");
            return full;
        }).ToList();
        var readerOptions = new RdfReaderOptions { BaseIri = options.BaseIri, Lenient = options.Lenient, OnError = options.OnError, DefaultGraph = options.Graph };
        var stopwatch = Stopwatch.StartNew();
        var chunks = new List<RemoteImportChunk>();
        var chunk = new List<Quad>(Math.Min(_options.ImportChunkSize, 100_000));
        long read = 0, sent = 0, errors = 0;
        int fileIndex = 0;

        ImportSummary Summary() => new(files.Count, read, sent, 0, errors, stopwatch.Elapsed) { Chunks = chunks.ToArray() };

        void Flush()
        {
            if (chunk.Count == 0) return;
            var number = chunks.Count + 1;
            long first = read - chunk.Count + 1;
            try
            {
                cancellation.ThrowIfCancellationRequested();
                SendChunk(chunk, cancellation);
            }
            catch (Exception e) when (cancellation.IsCancellationRequested && e is OperationCanceledException or TripleStoreException { ErrorCode: ErrorCodes.Canceled })
            {
                // Stopped by the caller (Ctrl+C): not a failure of the server, so no retry advice.
                var landedBefore = chunks.Count(c => c.Landed);
                throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled,
                    $"The import to {ImportTarget} was canceled at chunk {number}; chunks 1–{landedBefore} ({sent:N0} statements) landed and stay.", e);
            }
            catch (Exception e) when (e is TripleStoreException or OperationCanceledException)
            {
                var reason = e.Message;
                chunks.Add(new RemoteImportChunk(number, first, chunk.Count, false, reason));
                var landed = chunks.Count(c => c.Landed);
                throw new RemoteImportException(Summary(),
                    $"The import to {ImportTarget} stopped at chunk {number} (statements {first:N0}–{first + chunk.Count - 1:N0}): {reason} " +
                    (landed == 0 ? "No chunk landed; nothing was sent after it. " : $"Chunks 1–{landed} ({sent:N0} statements) landed and stay; nothing after them was sent. ") +
                    "Re-running the import is safe for data without blank nodes; a server that rejects large requests needs a smaller ImportChunkSize.", e);
            }
            sent += chunk.Count;
            chunks.Add(new RemoteImportChunk(number, first, chunk.Count, true, null));
            chunk.Clear();
            progress?.Report(new ImportProgress(ImportPhase.Reading, fileIndex, files.Count, files[Math.Min(fileIndex, files.Count - 1)], read, stopwatch.Elapsed));
        }

        try
        {
            for (; fileIndex < files.Count; fileIndex++)
            {
                using var reader = RdfParser.OpenFile(files[fileIndex], options.Format, readerOptions);
                while (reader.TryRead(out var quad))
                {
                    read++;
                    chunk.Add(quad);
                    if (chunk.Count >= _options.ImportChunkSize) Flush();
                }
                errors += reader.ErrorCount;
            }
            Flush();
        }
        finally
        {
            if (chunks.Count > 0) _cache?.Invalidate();
        }
        return Summary();
    }

    private Uri ImportTarget => GraphStoreEndpoint ?? UpdateEndpoint;

    private void SendChunk(List<Quad> quads, CancellationToken cancellation)
    {
        // Blank nodes get new identities on every request, so only chunks without them may be repeated.
        bool idempotent = !quads.Any(q => q.Subject.IsBlankNode || q.Object.IsBlankNode);
        if (GraphStoreEndpoint is { } store)
        {
            foreach (var group in quads.GroupBy(q => q.Graph))
            {
                var body = new StringBuilder();
                foreach (var q in group) body.Append(q.Subject).Append(' ').Append(q.Predicate).Append(' ').Append(q.Object).Append(" .\n");
                var target = group.Key is null ? "default" : "graph=" + Uri.EscapeDataString(((Iri)group.Key).Value);
                var url = store + (store.Query.Length > 0 ? "&" : "?") + target;
                var text = body.ToString();
                using var _ = _client.Send(() => new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(text, Encoding.UTF8, "application/n-triples"),
                }, idempotent, cancellation);
            }
            return;
        }
        SendUpdate(DataRequest("INSERT DATA", quads), idempotent, cancellation);
    }

    private static string DataRequest(string operation, IEnumerable<Quad> quads)
    {
        var update = new StringBuilder(operation).Append(" {\n");
        foreach (var group in quads.GroupBy(q => q.Graph))
        {
            if (group.Key is not null) update.Append("GRAPH ").Append(group.Key).Append(" {\n");
            foreach (var q in group) update.Append(q.Subject).Append(' ').Append(q.Predicate).Append(' ').Append(q.Object).Append(" .\n");
            if (group.Key is not null) update.Append("}\n");
        }
        return update.Append('}').ToString();
    }

    /// <summary>
    /// Adds quads with SPARQL 1.1 Update <c>INSERT DATA</c> requests of at most
    /// <see cref="RemoteStoreOptions.ImportChunkSize"/> quads each, in order. Returns the quads sent in
    /// requests the server accepted: the protocol does not say how many were new. Not retried (updates
    /// never are); a failed request stops the writing, the earlier requests stay, and the error says how
    /// many quads landed. Blank node labels are scoped per request, as in <see cref="Import"/>.
    /// </summary>
    public long InsertData(IEnumerable<Quad> quads, CancellationToken cancellation = default) => SendData("INSERT DATA", quads, cancellation);

    /// <summary>
    /// Removes quads with SPARQL 1.1 Update <c>DELETE DATA</c> requests of at most
    /// <see cref="RemoteStoreOptions.ImportChunkSize"/> quads each. Returns the quads sent in accepted
    /// requests (not how many were present). Blank nodes are refused before anything is sent: DELETE DATA
    /// may not name them. Not retried; a failed request stops the writing as for <see cref="InsertData"/>.
    /// </summary>
    public long DeleteData(IEnumerable<Quad> quads, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var list = quads as IReadOnlyCollection<Quad> ?? quads.ToList();
        foreach (var blank in list.Where(q => q.Subject.IsBlankNode || q.Object.IsBlankNode).Take(1))
            throw new TripleStoreException(ErrorCodes.RemoteNotSupported, ErrorKind.InvalidArgument,
                $"A remote store cannot remove triples with blank nodes (SPARQL DELETE DATA may not name them; the server's blank nodes have their own identities): {blank.Triple}. Nothing was sent.");
        return SendData("DELETE DATA", list, cancellation);
    }

    private long SendData(string operation, IEnumerable<Quad> quads, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(quads);
        ThrowIfWritesRefused();
        long sent = 0;
        int requests = 0;
        bool attempted = false;
        try
        {
            foreach (var chunk in quads.Chunk(_options.ImportChunkSize))
            {
                try
                {
                    cancellation.ThrowIfCancellationRequested();
                    attempted = true;
                    SendUpdate(DataRequest(operation, chunk), idempotent: false, cancellation);
                }
                catch (TripleStoreException e) when (requests > 0)
                {
                    throw new TripleStoreException(e.ErrorCode, e.Kind,
                        $"{operation} request {requests + 1} to {UpdateEndpoint} failed: {e.Message} The first {requests} request(s) ({sent:N0} triples) landed and stay; nothing after the failed one was sent.", e);
                }
                sent += chunk.Length;
                requests++;
            }
        }
        finally
        {
            if (attempted) _cache?.Invalidate();
        }
        return sent;
    }

    /// <summary>Empties a graph, the default graph or every graph with <c>CLEAR GRAPH</c>, <c>CLEAR DEFAULT</c> or <c>CLEAR ALL</c>.</summary>
    public void Clear(GraphSelector graph, CancellationToken cancellation = default)
    {
        var request = graph.Kind switch
        {
            GraphSelectorKind.NamedGraph => $"CLEAR GRAPH {graph.Name}",
            GraphSelectorKind.DefaultGraph => "CLEAR DEFAULT",
            GraphSelectorKind.AllNamedGraphs => "CLEAR NAMED",
            _ => "CLEAR ALL",
        };
        Update(request, UpdateOptions.Default with { CancellationToken = cancellation });
        if (graph.Kind is GraphSelectorKind.NamedGraph or GraphSelectorKind.DefaultGraph) return;
        // Virtuoso 7 answers CLEAR ALL and CLEAR NAMED with success and changes nothing (it also keeps
        // its system graphs), so success is checked rather than assumed.
        var left = ((SolutionSequence)Query(graph.Kind == GraphSelectorKind.AllNamedGraphs
                ? "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 4"
                : "SELECT DISTINCT ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } LIMIT 4",
            QueryOptions.Default with { CancellationToken = cancellation, UseResultCache = false })).ToList();
        if (left.Count == 0) return;
        var names = string.Join(", ", left.Select(r => r.Length > 0 && r[0] is { } g ? g.ToString() : "the default graph"));
        throw new TripleStoreException(ErrorCodes.RemoteNotSupported, ErrorKind.InvalidOperation,
            $"The endpoint {UpdateEndpoint} accepted {request} but still holds triples afterwards (in {names}{(left.Count == 4 ? ", ..." : "")}): " +
            "the server does not carry it out (Virtuoso 7 ignores CLEAR ALL and CLEAR NAMED, and keeps its system graphs). Clear the graphs one by one with CLEAR GRAPH (Clear-TripleStore -Graph).");
    }

    /// <summary>
    /// Streams the selected graphs to <paramref name="writer"/> through SELECT queries (rows are written
    /// as they arrive). <see cref="GraphSelector.All"/> writes the named graphs, then the default graph's
    /// triples that are in no named graph (many servers show every graph in the default graph).
    /// </summary>
    public long Export(RdfWriter writer, GraphSelector? graph = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var selector = graph ?? GraphSelector.All;
        // Exports read the endpoint itself, never the shared cache.
        var options = QueryOptions.Default with { CancellationToken = cancellation, UseResultCache = false };
        long count = 0;
        void Write(string query, Term? fixedGraph)
        {
            var rows = (SolutionSequence)Query(query, options);
            int s = Index(rows, "s"), p = Index(rows, "p"), o = Index(rows, "o"), g = Index(rows, "g");
            foreach (var row in rows)
            {
                if (row[s] is not { } subject || row[p] is not Iri predicate || row[o] is not { } obj) continue;
                writer.Write(new Quad(subject, predicate, obj, g >= 0 ? row[g] : fixedGraph));
                count++;
            }
        }
        switch (selector.Kind)
        {
            case GraphSelectorKind.NamedGraph when GraphStoreEndpoint is { } graphStore:
                count += ReadGraphStore(writer, graphStore, (Iri)selector.Name!, cancellation);
                break;
            case GraphSelectorKind.NamedGraph:
                Write($"SELECT ?s ?p ?o WHERE {{ GRAPH {selector.Name} {{ ?s ?p ?o }} }}", selector.Name);
                break;
            case GraphSelectorKind.DefaultGraph:
                Write("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", null);
                break;
            case GraphSelectorKind.AllNamedGraphs:
                Write("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", null);
                break;
            default:
                Write("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", null);
                Write("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }", null);
                break;
        }
        writer.Finish();
        return count;
    }

    /// <summary>A Graph Store GET of one graph, streamed into the writer; a graph the server does not have exports nothing.</summary>
    private long ReadGraphStore(RdfWriter writer, Uri store, Iri graph, CancellationToken cancellation)
    {
        var url = store + (store.Query.Length > 0 ? "&" : "?") + "graph=" + Uri.EscapeDataString(graph.Value);
        HttpResponseMessage response;
        try
        {
            response = _client.Send(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                foreach (var a in GraphAccept) request.Headers.Accept.Add(a);
                return request;
            }, idempotent: true, cancellation);
        }
        catch (RemoteEndpointException e) when (e.StatusCode == 404)
        {
            return 0;
        }
        long count = 0;
        using (response)
        using (var reader = Rdf(_client.ReadBody(response, cancellation), response.Content.Headers.ContentType?.MediaType ?? "", (int)response.StatusCode))
        {
            while (reader.TryRead(out var quad))
            {
                writer.Write(new Quad(quad.Subject, quad.Predicate, quad.Object, graph));
                count++;
            }
        }
        return count;
    }

    private static int Index(SolutionSequence rows, string name)
    {
        for (int i = 0; i < rows.Variables.Count; i++) if (rows.Variables[i] == name) return i;
        return -1;
    }

    /// <summary>
    /// Counts through aggregate queries: quads per named graph, default-graph triples, distinct terms.
    /// On a large cluster the distinct counts are expensive; <see cref="StoreStatistics.SizeOnDisk"/> and
    /// <see cref="StoreStatistics.DictionaryTerms"/> are not known remotely and are reported as -1.
    /// </summary>
    public StoreStatistics GetStatistics()
    {
        var graphs = new Dictionary<Term, long>();
        var direct = QueryOptions.Default with { UseResultCache = false };
        foreach (var row in (SolutionSequence)Query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", direct))
            if (row[0] is { } g) graphs[g] = Number(row[1]);
        var totals = ((SolutionSequence)Query(
            "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?ds) (COUNT(DISTINCT ?p) AS ?dp) (COUNT(DISTINCT ?o) AS ?do) WHERE { ?s ?p ?o }", direct)).First();
        long named = graphs.Values.Sum();
        long defaultTriples = Number(totals[0]);
        return new StoreStatistics
        {
            Quads = defaultTriples + named,
            DefaultGraphTriples = defaultTriples,
            NamedGraphQuads = named,
            GraphCounts = graphs,
            DistinctSubjects = Number(totals[1]),
            DistinctPredicates = Number(totals[2]),
            DistinctObjects = Number(totals[3]),
            DictionaryTerms = -1,
            SizeOnDisk = -1,
            RedisCache = RedisCacheState,
            RedisCacheHits = _cache?.Hits ?? 0,
            RedisCacheMisses = _cache?.Misses ?? 0,
            RedisCacheErrors = _cache?.Errors ?? 0,
            RedisCacheInvalidations = _cache?.Invalidations ?? 0,
        };
    }

    private static long Number(Term? term) =>
        term is Literal l && long.TryParse(l.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// Whether the endpoint answers (an ASK round trip, with its latency) and the circuit breaker's state.
    /// Never throws: a failing endpoint is an Unhealthy report.
    /// </summary>
    public HealthReport CheckHealth(bool livenessOnly = false)
    {
        var checks = new List<HealthCheck>();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var answer = (BooleanResult)Query("ASK { }", QueryOptions.Default with { UseResultCache = false });
            checks.Add(new HealthCheck("Reachable", HealthStatus.Healthy, $"{stopwatch.ElapsedMilliseconds} ms", null,
                $"{Location} answered a query in {stopwatch.ElapsedMilliseconds} ms."));
        }
        catch (TripleStoreException e)
        {
            checks.Add(new HealthCheck("Reachable", HealthStatus.Unhealthy, e.ErrorCode, null, e.Message));
        }
        if (!livenessOnly)
        {
            var state = _client.BreakerState;
            var status = state switch
            {
                CircuitState.Closed => HealthStatus.Healthy,
                CircuitState.HalfOpen => HealthStatus.Degraded,
                _ => HealthStatus.Unhealthy,
            };
            checks.Add(new HealthCheck("CircuitBreaker", status, state.ToString(), "Closed",
                $"{state}; opened {BreakerOpenCount} time(s), {RetryCount} retries so far."));
            checks.Add(new HealthCheck("Writable", IsReadOnly ? HealthStatus.Degraded : HealthStatus.Healthy, IsReadOnly ? "read-only" : UpdateEndpoint.ToString(), null,
                IsReadOnly ? "Opened read-only: writes are refused." : $"Updates go to {UpdateEndpoint}."));
        }
        if (_cache is not null) checks.Add(_cache.Check());
        return new HealthReport(Location, DateTime.UtcNow, checks);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new TripleStoreException(ErrorCodes.StoreClosed, ErrorKind.InvalidOperation, $"The remote store {Location} has been closed.");
    }

    private void ThrowIfWritesRefused()
    {
        ThrowIfDisposed();
        if (IsReadOnly)
            throw new TripleStoreException(ErrorCodes.StoreReadOnly, ErrorKind.InvalidOperation, $"The remote store {Location} was opened read-only; open it without ReadOnly to change it.");
    }

    public override string ToString() => Location;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _client.Dispose();
        _cache?.Dispose();
    }
}
