using System.Globalization;
using System.Net;
using System.Text;
using TripleStore.Formats;
using TripleStore.Formats.SparqlResults;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Update;

namespace TripleStore.Server;

/// <summary>
/// The SPARQL 1.1 Protocol: query by GET, by POST of a form or of the query itself; update by POST of a
/// form or of the update itself; the dataset from default-graph-uri / named-graph-uri (queries) and
/// using-graph-uri / using-named-graph-uri (updates); results negotiated from the Accept header.
/// </summary>
internal sealed class SparqlEndpoint(SparqlServer server)
{
    /// <summary>Results formats for SELECT, in the server's order of preference.</summary>
    private static readonly string[] TabularOffers =
        ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "application/json", "application/xml", "text/xml"];

    /// <summary>ASK has no CSV or TSV form.</summary>
    private static readonly string[] BooleanOffers =
        ["application/sparql-results+json", "application/sparql-results+xml", "application/json", "application/xml", "text/xml"];

    /// <summary>RDF syntaxes for CONSTRUCT and DESCRIBE (and Graph Store GET), Turtle first.</summary>
    internal static readonly string[] GraphOffers =
        ["text/turtle", "application/n-triples", "application/rdf+xml", "application/n-quads", "application/trig", "text/plain", "application/x-turtle", "application/xml", "text/xml"];

    public void Handle(HttpListenerContext context, ResponseBody body)
    {
        var request = context.Request;
        var parameters = RequestBody.ParseForm(RequestBody.RawQuery(request));
        string? query = null, update = null;
        switch (request.HttpMethod)
        {
            case "GET":
            case "HEAD":
                if (Single(parameters, "update") is not null)
                    throw new HttpError(400, "SPARQL Update must be sent with POST, as a form ('update=...') or as application/sparql-update.");
                query = Single(parameters, "query") ?? throw new HttpError(400, "No query: pass it as ?query=... (URL-encoded), or POST it.");
                break;
            case "POST":
                var contentType = request.ContentType;
                switch (MediaTypes.TypeOf(contentType))
                {
                    case MediaTypes.FormUrlEncoded:
                        var form = RequestBody.ParseForm(Ascii(RequestBody.ReadBytes(request, server.Options.MaxRequestBodyBytes)));
                        parameters.AddRange(form);
                        query = Single(parameters, "query");
                        update = Single(parameters, "update");
                        if (query is null && update is null)
                            throw new HttpError(400, "The form has neither a 'query' nor an 'update' field.");
                        break;
                    case MediaTypes.SparqlQuery:
                        MediaTypes.RequireUtf8(contentType);
                        query = RequestBody.DecodeUtf8(RequestBody.ReadBytes(request, server.Options.MaxRequestBodyBytes));
                        if (Single(parameters, "query") is not null) throw new HttpError(400, "The query is in the body; do not repeat it in the URL.");
                        break;
                    case MediaTypes.SparqlUpdate:
                        MediaTypes.RequireUtf8(contentType);
                        update = RequestBody.DecodeUtf8(RequestBody.ReadBytes(request, server.Options.MaxRequestBodyBytes));
                        if (Single(parameters, "update") is not null) throw new HttpError(400, "The update is in the body; do not repeat it in the URL.");
                        break;
                    case "":
                        throw new HttpError(415, "A POST to /sparql needs a Content-Type: application/x-www-form-urlencoded, application/sparql-query or application/sparql-update.");
                    default:
                        throw new HttpError(415, $"Content-Type {MediaTypes.TypeOf(contentType)} is not accepted; use application/x-www-form-urlencoded, application/sparql-query or application/sparql-update.");
                }
                break;
            default:
                throw new HttpError(405, $"{request.HttpMethod} is not part of the SPARQL protocol; use GET or POST.").With("Allow", "GET, POST");
        }
        if (query is not null && update is not null)
            throw new HttpError(400, "A request carries either a query or an update, not both.");
        if (update is not null) RunUpdate(request, context.Response, update, parameters, body);
        else RunQuery(request, context.Response, query!, parameters, body);
    }

    /// <summary>Form bodies are ASCII after percent-encoding; anything else is not a form.</summary>
    private static string Ascii(byte[] bytes)
    {
        foreach (var b in bytes)
            if (b > 0x7F) throw new HttpError(400, "The form body has bytes outside ASCII; percent-encode its values as UTF-8.");
        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>The one value of a parameter; 400 when it is given more than once.</summary>
    private static string? Single(List<KeyValuePair<string, string>> parameters, string name)
    {
        string? value = null;
        foreach (var (key, v) in parameters)
        {
            if (key != name) continue;
            if (value is not null) throw new HttpError(400, $"The '{name}' parameter is given more than once; send one per request.");
            value = v;
        }
        return value;
    }

    private static List<Iri>? Graphs(List<KeyValuePair<string, string>> parameters, string name)
    {
        List<Iri>? graphs = null;
        foreach (var (key, value) in parameters)
        {
            if (key != name) continue;
            graphs ??= [];
            graphs.Add(ParseIri(value, name));
        }
        return graphs;
    }

    internal static Iri ParseIri(string text, string what)
    {
        try
        {
            return Iri.Parse(text);
        }
        catch (FormatException e)
        {
            throw new HttpError(400, $"'{text}' given for {what} is not an absolute IRI: {e.Message}");
        }
    }

    private void RunQuery(HttpListenerRequest request, HttpListenerResponse response, string text, List<KeyValuePair<string, string>> parameters, ResponseBody body)
    {
        var defaults = Graphs(parameters, "default-graph-uri");
        var named = Graphs(parameters, "named-graph-uri");
        var options = new QueryOptions
        {
            Timeout = server.Options.QueryTimeout,
            CancellationToken = server.StoppingToken,
            DefaultGraphs = defaults ?? (named is not null ? [] : null),
            NamedGraphs = named ?? (defaults is not null ? [] : null),
            BaseIri = server.SparqlUrl,
        };
        var result = server.Store.Query(text, options);
        var accept = request.Headers["Accept"];
        long limit = server.Options.MaxResultRows ?? long.MaxValue;
        bool head = request.HttpMethod == "HEAD";
        switch (result)
        {
            case BooleanResult ask:
            {
                var type = MediaTypes.Negotiate(accept, BooleanOffers) ?? throw NotAcceptable(accept, BooleanOffers);
                Begin(response, type);
                if (head) return;
                using var text8 = Utf8(body);
                var writer = SparqlResultsWriter.Create(text8, ResultsFormat(type));
                writer.WriteBoolean(ask.Value);
                writer.Finish();
                return;
            }
            case SolutionSequence rows:
            {
                var type = MediaTypes.Negotiate(accept, TabularOffers) ?? throw NotAcceptable(accept, TabularOffers);
                Begin(response, type);
                if (server.Options.MaxResultRows is { } max) response.Headers["TripleStore-Result-Limit"] = max.ToString(CultureInfo.InvariantCulture);
                if (head) return;
                using var text8 = Utf8(body);
                var writer = SparqlResultsWriter.Create(text8, ResultsFormat(type));
                writer.WriteHeader(rows.Variables);
                long count = 0;
                bool truncated = false;
                foreach (var row in rows)
                {
                    if (count == limit)
                    {
                        truncated = true;
                        break;
                    }
                    writer.WriteRow(row);
                    count++;
                }
                writer.Finish();
                server.Metrics.AddRows(count, truncated);
                return;
            }
            case GraphResult triples:
            {
                var type = MediaTypes.Negotiate(accept, GraphOffers) ?? throw NotAcceptable(accept, GraphOffers);
                Begin(response, type);
                if (server.Options.MaxResultRows is { } max) response.Headers["TripleStore-Result-Limit"] = max.ToString(CultureInfo.InvariantCulture);
                if (head) return;
                using var text8 = Utf8(body);
                var writer = RdfSerializer.Create(text8, RdfFormatOf(type));
                long count = 0;
                bool truncated = false;
                foreach (var triple in triples)
                {
                    if (count == limit)
                    {
                        truncated = true;
                        break;
                    }
                    writer.Write(triple);
                    count++;
                }
                writer.Finish();
                text8.Flush();
                server.Metrics.AddRows(count, truncated);
                return;
            }
        }
    }

    private void RunUpdate(HttpListenerRequest request, HttpListenerResponse response, string text, List<KeyValuePair<string, string>> parameters, ResponseBody body)
    {
        server.Authorizer.RequireWrite(request, server.Store);
        var options = new UpdateOptions
        {
            BaseIri = server.SparqlUrl,
            Timeout = server.Options.QueryTimeout,
            CancellationToken = server.StoppingToken,
            UsingGraphs = Graphs(parameters, "using-graph-uri"),
            UsingNamedGraphs = Graphs(parameters, "using-named-graph-uri"),
        };
        var result = server.Store.Update(text, options);
        response.StatusCode = 200;
        response.ContentType = "text/plain; charset=utf-8";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Update succeeded: {result.Operations} operation(s), {result.QuadsInserted} quad(s) inserted, {result.QuadsDeleted} deleted, in {result.Duration.TotalMilliseconds:0.#} ms.\n");
        body.Write(Encoding.UTF8.GetBytes(summary));
    }

    internal static StreamWriter Utf8(Stream body) => new(body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);

    private static void Begin(HttpListenerResponse response, string type)
    {
        response.StatusCode = 200;
        response.ContentType = type + "; charset=utf-8";
        response.Headers["Vary"] = "Accept";
    }

    internal static HttpError NotAcceptable(string? accept, IEnumerable<string> offers) =>
        new(406, $"None of the accepted media types ({accept}) can carry this result; the server offers {string.Join(", ", offers)}.");

    private static SparqlResultsFormat ResultsFormat(string type) =>
        SparqlResultsFormats.TryFromMediaType(type, out var format) ? format : SparqlResultsFormat.Json;

    internal static RdfFormat RdfFormatOf(string type) => type switch
    {
        "application/n-triples" or "text/plain" => RdfFormat.NTriples,
        "application/rdf+xml" or "application/xml" or "text/xml" => RdfFormat.RdfXml,
        "application/n-quads" => RdfFormat.NQuads,
        "application/trig" => RdfFormat.TriG,
        _ => RdfFormat.Turtle,
    };
}
