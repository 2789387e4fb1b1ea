using System.Net.Http.Headers;
using TripleStore.Server;
using TripleStore.Tests.Storage;

namespace TripleStore.Tests.Server;

/// <summary>A fresh store in a temp folder, served on a free loopback port; disposing stops both.</summary>
public sealed class ServerFixture : IDisposable
{
    public const string ApiKey = "test-key-0123";

    private readonly TempFolder _folder = new();

    public ServerFixture(SparqlServerOptions? options = null)
    {
        Store = RdfStore.Open(_folder.Combine("store"));
        Server = new SparqlServer(Store, (options ?? new SparqlServerOptions { ApiKey = ApiKey }) with { Port = 0 });
        Server.Start();
        Client = new HttpClient { BaseAddress = new Uri(Server.Url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public RdfStore Store { get; }

    public SparqlServer Server { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    public HttpRequestMessage Request(HttpMethod method, string path, string? body = null, string? contentType = null, bool authorized = false)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        if (authorized) request.Headers.Add("X-API-Key", ApiKey);
        return request;
    }

    public HttpResponseMessage Send(HttpRequestMessage request) => Client.Send(request);

    public string Update(string update)
    {
        using var response = Send(Request(HttpMethod.Post, "sparql", update, "application/sparql-update", authorized: true));
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Update failed with {(int)response.StatusCode}: {text}");
        return text;
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        Store.Dispose();
        _folder.Dispose();
    }
}
