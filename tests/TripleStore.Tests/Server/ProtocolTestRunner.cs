using Xunit;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using TripleStore.Formats;
using TripleStore.Rdf;
using TripleStore.Tests.W3C;

namespace TripleStore.Tests.Server;

/// <summary>
/// Runs a test of the W3C SPARQL 1.1 Protocol or Graph Store Protocol manifests against a real server:
/// loads its ut:graphData into named graphs, performs each ht:Request in order over HTTP (paths
/// starting /sparql/ go to /sparql, /gsp to /store; every request carries the server's API key, since
/// the server refuses anonymous writes), and checks each response's status, format, boolean, headers
/// and body (graph isomorphism), with $LOCATION$ carried from one response to the next requests.
/// </summary>
public static class ProtocolTestRunner
{
    private const string Ht = "http://www.w3.org/2011/http#";
    private const string Cnt = "http://www.w3.org/2011/content#";
    private const string Hts = "http://www.w3.org/2011/http-statusCodes#";
    private const string Mf = W3CVocabulary.Mf;
    private const string Ut = W3CVocabulary.Ut;
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";

    public static void Run(W3CTest test)
    {
        using var fixture = new ServerFixture();
        var manifest = test.Manifest;
        foreach (var data in manifest.Objects(test.Node, Ut + "graphData"))
        {
            var file = (Iri)manifest.Object(data, Ut + "graph")!;
            var label = ((Literal)manifest.Object(data, Rdfs + "label")!).Value;
            var local = W3CSuiteLocation.LocalPathOf(file.Value) ?? throw new InvalidDataException($"{file} is not in the suites.");
            fixture.Store.Import([local], new ImportOptions { Graph = new Iri(label) });
        }
        var action = manifest.Object(test.Node, Mf + "action")!;
        var requests = manifest.List(manifest.Object(action, Ht + "requests")!);
        var variables = new Dictionary<string, string>();
        int index = 0;
        foreach (var node in requests)
        {
            index++;
            var where = $"{test.Id}, request {index}";
            using var request = BuildRequest(manifest, node, variables);
            using var response = fixture.Client.Send(request);
            var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            var expected = manifest.Object(node, Ht + "resp")!;
            CheckStatus(manifest, expected, response, body, where);
            if (manifest.Object(expected, Mf + "expectedLocation") is Literal location)
            {
                var value = response.Headers.Location?.ToString() ?? throw new Xunit.Sdk.XunitException($"{where}: no Location header.");
                variables[location.Value] = value;
            }
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (manifest.Object(expected, Mf + "expectedFormat") is Literal format)
                CheckFormat(format.Value, contentType, where);
            if (manifest.Object(expected, Mf + "expectedBoolean") is Literal boolean)
                Assert.True(ReadBoolean(contentType, body) == (boolean.Value == "true"), $"{where}: the ASK answer is not {boolean.Value}.");
            foreach (var header in manifest.Objects(expected, Ht + "headers").SelectMany(manifest.List))
            {
                var name = ((Literal)manifest.Object(header, Ht + "fieldName")!).Value;
                var value = ((Literal)manifest.Object(header, Ht + "fieldValue")!).Value;
                Assert.True(name.Equals("content-type", StringComparison.OrdinalIgnoreCase), $"{where}: unexpected expected header {name}.");
                Assert.Equal(value.Split(';')[0].Trim(), contentType);
            }
            if (manifest.Object(expected, Ht + "body") is { } expectedBody)
            {
                var text = ((Literal)manifest.Object(expectedBody, Cnt + "chars")!).Value;
                var wanted = ParseRdf(text, RdfFormat.Turtle, request.RequestUri!.ToString());
                var got = ParseRdf(Encoding.UTF8.GetString(body), FormatOf(contentType), request.RequestUri!.ToString());
                var difference = Isomorphism.TryExplainDifference(wanted, got);
                Assert.True(difference is null, $"{where}: the graph differs from the expected one: {difference}");
            }
        }
    }

    private static HttpRequestMessage BuildRequest(ManifestGraph manifest, Term node, Dictionary<string, string> variables)
    {
        var method = ((Literal)manifest.Object(node, Ht + "methodName")!).Value;
        var path = Substitute(((Literal)manifest.Object(node, Ht + "absolutePath")!).Value, variables);
        if (path.StartsWith("/sparql/", StringComparison.Ordinal)) path = "sparql" + path["/sparql/".Length..];
        else if (path.StartsWith("/gsp", StringComparison.Ordinal)) path = "store" + path["/gsp".Length..];
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Add("X-API-Key", ServerFixture.ApiKey);
        string? contentType = null;
        foreach (var header in manifest.Objects(node, Ht + "headers").SelectMany(manifest.List))
        {
            var name = ((Literal)manifest.Object(header, Ht + "fieldName")!).Value;
            var value = ((Literal)manifest.Object(header, Ht + "fieldValue")!).Value;
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        if (manifest.Object(node, Ht + "body") is { } bodyNode)
        {
            var chars = Substitute(((Literal)manifest.Object(bodyNode, Cnt + "chars")!).Value, variables);
            var encoding = (manifest.Object(bodyNode, Cnt + "characterEncoding") as Literal)?.Value ?? "UTF-8";
            var bytes = encoding.Equals("UTF-16", StringComparison.OrdinalIgnoreCase) ? Encoding.Unicode.GetBytes(chars) : Encoding.UTF8.GetBytes(chars);
            request.Content = new ByteArrayContent(bytes);
            // Without a content-type in the manifest the request must go without one (those tests check the 4xx for it).
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return request;
    }

    private static string Substitute(string text, Dictionary<string, string> variables)
    {
        foreach (var (name, value) in variables) text = text.Replace(name, value, StringComparison.Ordinal);
        return text;
    }

    private static void CheckStatus(ManifestGraph manifest, Term expected, HttpResponseMessage response, byte[] body, string where)
    {
        int status = (int)response.StatusCode;
        var allowed = manifest.Objects(expected, Mf + "expectedStatus").Select(s => ((Iri)s).Value[Hts.Length..]).ToList();
        if (allowed.Count == 0) return;
        bool ok = allowed.Any(name => name switch
        {
            "StatusCode2xx" => status is >= 200 and < 300,
            "StatusCode3xx" => status is >= 300 and < 400,
            "StatusCode4xx" => status is >= 400 and < 500,
            "StatusCode5xx" => status >= 500,
            "OK" => status == 200,
            "Created" => status == 201,
            "NoContent" => status == 204,
            "NotFound" => status == 404,
            _ => throw new InvalidDataException($"Unknown status class {name}."),
        });
        Assert.True(ok, $"{where}: status {status} is not one of {string.Join(", ", allowed)}; body: {Encoding.UTF8.GetString(body)}");
    }

    private static void CheckFormat(string format, string contentType, string where)
    {
        string[] allowed = format switch
        {
            "boolean" => ["application/sparql-results+json", "application/sparql-results+xml"],
            "tabular" => ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
            "RDF" => ["text/turtle", "application/rdf+xml", "application/n-triples"],
            _ => throw new InvalidDataException($"Unknown expected format {format}."),
        };
        Assert.True(allowed.Contains(contentType), $"{where}: {contentType} is not a {format} format.");
    }

    private static bool ReadBoolean(string contentType, byte[] body)
    {
        if (contentType == "application/sparql-results+json")
            return JsonDocument.Parse(body).RootElement.GetProperty("boolean").GetBoolean();
        var document = XDocument.Parse(Encoding.UTF8.GetString(body));
        return document.Root!.Elements().Single(e => e.Name.LocalName == "boolean").Value.Trim() == "true";
    }

    private static RdfFormat FormatOf(string contentType) => contentType switch
    {
        "application/n-triples" => RdfFormat.NTriples,
        "application/rdf+xml" => RdfFormat.RdfXml,
        _ => RdfFormat.Turtle,
    };

    private static List<Quad> ParseRdf(string text, RdfFormat format, string baseIri)
    {
        using var reader = RdfParser.Create(new StringReader(text), format, new RdfReaderOptions { BaseIri = baseIri });
        return reader.ReadAll().ToList();
    }
}
