using System.Net;
using System.Text;
using TripleStore.Dataset;
using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Server;

/// <summary>
/// The SPARQL 1.1 Graph Store HTTP Protocol at /store: ?default or ?graph=IRI (indirect identification),
/// or /store/some/path naming the graph by the request URL itself (direct identification). GET and HEAD
/// read a graph, PUT replaces it, POST adds to it (or, on /store itself, creates a new graph), DELETE drops it.
/// </summary>
internal sealed class GraphStoreEndpoint(SparqlServer server)
{
    public void Handle(HttpListenerContext context, string path, ResponseBody body)
    {
        var request = context.Request;
        var response = context.Response;
        var parameters = RequestBody.ParseForm(RequestBody.RawQuery(request));
        bool isDefault = parameters.Any(p => p.Key == "default");
        var graphValues = parameters.Where(p => p.Key == "graph").Select(p => p.Value).ToList();
        if (graphValues.Count > 1) throw new HttpError(400, "The 'graph' parameter is given more than once.");
        if (isDefault && graphValues.Count > 0) throw new HttpError(400, "Give either ?default or ?graph=IRI, not both.");
        bool direct = path.Length > "/store/".Length;
        if (direct && (isDefault || graphValues.Count > 0))
            throw new HttpError(400, "A graph named by its URL (/store/...) takes no ?default or ?graph parameter.");

        Iri? graph = null;
        if (graphValues.Count == 1) graph = SparqlEndpoint.ParseIri(graphValues[0], "graph");
        else if (direct) graph = Iri.Parse(server.Url.TrimEnd('/') + path);
        else if (!isDefault)
        {
            // The endpoint itself: GET is the whole dataset, POST creates a graph.
            switch (request.HttpMethod)
            {
                case "GET":
                case "HEAD":
                    GetDataset(request, response, body);
                    return;
                case "POST":
                    CreateGraph(request, response);
                    return;
                default:
                    throw new HttpError(400, "Name the graph: ?default for the default graph, or ?graph=<IRI>.");
            }
        }

        switch (request.HttpMethod)
        {
            case "GET":
            case "HEAD":
                Get(request, response, body, graph);
                break;
            case "PUT":
                Write(request, response, graph, replace: true);
                break;
            case "POST":
                Write(request, response, graph, replace: false);
                break;
            case "DELETE":
                Delete(request, response, graph);
                break;
            default:
                throw new HttpError(405, $"{request.HttpMethod} is not part of the Graph Store Protocol.").With("Allow", "GET, HEAD, PUT, POST, DELETE");
        }
    }

    private static GraphSelector Selector(Iri? graph) => graph is null ? GraphSelector.Default : GraphSelector.Named(graph);

    private bool Exists(Iri? graph) => graph is null || server.Store.Count(GraphSelector.Named(graph)) > 0;

    private void Get(HttpListenerRequest request, HttpListenerResponse response, ResponseBody body, Iri? graph)
    {
        var type = MediaTypes.Negotiate(request.Headers["Accept"], SparqlEndpoint.GraphOffers)
                   ?? throw SparqlEndpoint.NotAcceptable(request.Headers["Accept"], SparqlEndpoint.GraphOffers);
        using var snapshot = server.Store.OpenSnapshot(includeDerived: false);
        if (graph is not null && snapshot.EstimateCount(null, null, null, GraphSelector.Named(graph)) == 0)
            throw new HttpError(404, $"The store has no graph <{graph.Value}>.");
        response.StatusCode = 200;
        response.ContentType = type + "; charset=utf-8";
        response.Headers["Vary"] = "Accept";
        if (request.HttpMethod == "HEAD") return;
        using var text = SparqlEndpoint.Utf8(body);
        var writer = RdfSerializer.Create(text, SparqlEndpoint.RdfFormatOf(type));
        long count = 0;
        var token = server.StoppingToken;
        foreach (var quad in snapshot.Match(null, null, null, Selector(graph)))
        {
            if ((++count & 0xFFF) == 0) token.ThrowIfCancellationRequested();
            // The graph's triples, whatever syntax: its name is the request, not part of the content.
            writer.Write(new Quad(quad.Subject, quad.Predicate, quad.Object));
        }
        writer.Finish();
    }

    private void GetDataset(HttpListenerRequest request, HttpListenerResponse response, ResponseBody body)
    {
        string[] offers = ["application/trig", "application/n-quads"];
        var type = MediaTypes.Negotiate(request.Headers["Accept"], offers) ?? throw SparqlEndpoint.NotAcceptable(request.Headers["Accept"], offers);
        response.StatusCode = 200;
        response.ContentType = type + "; charset=utf-8";
        if (request.HttpMethod == "HEAD") return;
        using var text = SparqlEndpoint.Utf8(body);
        server.Store.Export(RdfSerializer.Create(text, SparqlEndpoint.RdfFormatOf(type)), GraphSelector.All, server.StoppingToken);
    }

    private void CreateGraph(HttpListenerRequest request, HttpListenerResponse response)
    {
        server.Authorizer.RequireWrite(request, server.Store);
        var graph = Iri.Parse($"{server.GraphStoreUrl}/{Guid.NewGuid():N}");
        var quads = ReadQuads(request, graph);
        server.Store.AddRange(quads);
        response.StatusCode = 201;
        response.Headers["Location"] = graph.Value;
    }

    private void Write(HttpListenerRequest request, HttpListenerResponse response, Iri? graph, bool replace)
    {
        server.Authorizer.RequireWrite(request, server.Store);
        var quads = ReadQuads(request, graph);
        bool existed;
        using (var transaction = server.Store.BeginTransaction())
        {
            // Under the writer lock, so "existed" and the replacement see the same state.
            existed = Exists(graph);
            if (replace)
            {
                using var snapshot = server.Store.OpenSnapshot(includeDerived: false);
                foreach (var quad in snapshot.Match(null, null, null, Selector(graph))) transaction.Remove(quad);
            }
            foreach (var quad in quads) transaction.Add(quad);
            transaction.Commit();
        }
        response.StatusCode = existed ? 204 : 201;
    }

    private void Delete(HttpListenerRequest request, HttpListenerResponse response, Iri? graph)
    {
        server.Authorizer.RequireWrite(request, server.Store);
        long removed = server.Store.Clear(Selector(graph));
        if (graph is not null && removed == 0) throw new HttpError(404, $"The store has no graph <{graph.Value}>.");
        response.StatusCode = 204;
    }

    /// <summary>Parses the body (or each part of a multipart/form-data body) into quads of <paramref name="graph"/>.</summary>
    private List<Quad> ReadQuads(HttpListenerRequest request, Iri? graph)
    {
        var bytes = RequestBody.ReadBytes(request, server.Options.MaxRequestBodyBytes);
        var contentType = request.ContentType;
        var quads = new List<Quad>();
        if (MediaTypes.TypeOf(contentType) == MediaTypes.MultipartFormData)
        {
            var boundary = MediaTypes.Parameter(contentType, "boundary") ?? throw new HttpError(400, "multipart/form-data without a boundary.");
            foreach (var part in Multipart.Parse(bytes, boundary))
                Parse(part.ContentType ?? FormatFromFileName(part.FileName), part.Body, graph, quads, part.FileName);
        }
        else
        {
            Parse(contentType, bytes, graph, quads, null);
        }
        return quads;
    }

    private static string? FormatFromFileName(string? fileName) =>
        fileName is not null && RdfFormats.TryFromPath(fileName, out var format, out _) ? RdfFormats.MediaType(format) : null;

    private void Parse(string? contentType, byte[] bytes, Iri? graph, List<Quad> quads, string? partName)
    {
        var format = RdfFormatOfContent(contentType);
        MediaTypes.RequireUtf8(contentType);
        var options = new RdfReaderOptions
        {
            BaseIri = graph?.Value ?? server.GraphStoreUrl,
            SourceName = partName ?? "request body",
            DefaultGraph = graph,
        };
        using var reader = RdfParser.Create(new MemoryStream(bytes), format, options);
        foreach (var quad in reader.ReadAll())
        {
            if (!Equals(quad.Graph, graph))
                throw new HttpError(400, "The body names graphs of its own (N-Quads or TriG with GRAPH blocks); a Graph Store request writes one graph.");
            quads.Add(quad);
        }
    }

    private static RdfFormat RdfFormatOfContent(string? contentType)
    {
        switch (MediaTypes.TypeOf(contentType))
        {
            case "text/turtle": case "application/x-turtle": return RdfFormat.Turtle;
            case "application/n-triples": case "text/plain": return RdfFormat.NTriples;
            case "application/rdf+xml": return RdfFormat.RdfXml;
            case "application/n-quads": return RdfFormat.NQuads;
            case "application/trig": return RdfFormat.TriG;
            case "":
                throw new HttpError(415, "The body needs a Content-Type: text/turtle, application/n-triples, application/rdf+xml, application/n-quads or application/trig.");
            default:
                throw new HttpError(415, $"Content-Type {MediaTypes.TypeOf(contentType)} is not an RDF syntax the store reads; use text/turtle, application/n-triples, application/rdf+xml, application/n-quads or application/trig.");
        }
    }
}
