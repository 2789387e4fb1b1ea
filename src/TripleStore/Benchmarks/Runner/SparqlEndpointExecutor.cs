using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TripleStore.Benchmarks.Runner;

/// <summary>
/// Runs benchmark queries against another store's SPARQL 1.1 Protocol endpoint (a peer such as Virtuoso
/// loaded with the same N-Triples), so its latencies are measured by the same runner with the same
/// checks. SELECT asks for SPARQL JSON results and counts the bindings; CONSTRUCT and DESCRIBE ask for
/// N-Triples and count the statement lines; ASK counts 1 for true. The whole response is read inside
/// the call, as for the local executor.
/// </summary>
public sealed partial class SparqlEndpointExecutor : IQueryExecutor, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public SparqlEndpointExecutor(Uri endpoint, string name, TimeSpan? timeout = null)
    {
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Name = name;
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromMinutes(10) };
    }

    public string Name { get; }

    public long Execute(BenchmarkQuery query, CancellationToken cancellation)
    {
        string form = QueryForm(query.Text);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("query", query.Text)]),
        };
        bool graph = form is "CONSTRUCT" or "DESCRIBE";
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(graph ? "text/plain" : "application/sparql-results+json"));
        using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            string body = new StreamReader(response.Content.ReadAsStream(cancellation)).ReadToEnd();
            throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.QueryEvaluation,
                $"{Name} answered {query.Name} with HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        }
        using var stream = response.Content.ReadAsStream(cancellation);
        if (graph)
        {
            using var reader = new StreamReader(stream);
            long lines = 0;
            while (reader.ReadLine() is { } line)
            {
                var trimmed = line.AsSpan().Trim();
                if (trimmed.Length > 0 && trimmed[0] != '#') lines++;
            }
            return lines;
        }
        using var json = JsonDocument.Parse(stream);
        if (json.RootElement.TryGetProperty("boolean", out var boolean)) return boolean.GetBoolean() ? 1 : 0;
        return json.RootElement.GetProperty("results").GetProperty("bindings").GetArrayLength();
    }

    /// <summary>SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside comments, IRIs and strings.</summary>
    public static string QueryForm(string text)
    {
        string stripped = Noise().Replace(text, " ");
        var match = FormKeyword().Match(stripped);
        return match.Success ? match.Value.ToUpperInvariant() : "SELECT";
    }

    [GeneratedRegex("#[^\\n]*|<[^>\\s]*>|\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Noise();

    [GeneratedRegex("\\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex FormKeyword();

    public void Dispose() => _http.Dispose();
}
