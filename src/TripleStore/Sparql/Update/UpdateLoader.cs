using TripleStore.Formats;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Update;

/// <summary>
/// Reads the document of a LOAD operation, but only from where <see cref="UpdateOptions"/> allows:
/// file: IRIs inside an allowed folder, http(s) IRIs of an allowed host. Everything else is refused
/// with an error that says which setting would permit it.
/// </summary>
internal static class UpdateLoader
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static List<Quad> Read(Iri source, Iri? into, UpdateOptions options)
    {
        if (!Uri.TryCreate(source.Value, UriKind.Absolute, out var uri))
            throw UpdateExecutor.Failure($"LOAD {source}: not an absolute IRI.");
        var readerOptions = new RdfReaderOptions { BaseIri = source.Value, SourceName = source.Value, DefaultGraph = into };
        try
        {
            if (uri.IsFile) return ReadFile(uri, source, readerOptions, options);
            if (uri.Scheme is "http" or "https") return ReadHttp(uri, source, readerOptions, options);
        }
        catch (TripleStoreException e) when (e.ErrorCode != ErrorCodes.QueryEvaluation)
        {
            throw UpdateExecutor.Failure($"LOAD {source} failed: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
        {
            throw UpdateExecutor.Failure($"LOAD {source} failed: {e.Message}", e);
        }
        throw UpdateExecutor.Failure($"LOAD {source}: only file: and http(s) IRIs can be loaded.");
    }

    private static List<Quad> ReadFile(Uri uri, Iri source, RdfReaderOptions readerOptions, UpdateOptions options)
    {
        var path = Path.GetFullPath(uri.LocalPath);
        bool allowed = options.AllowedLoadDirectories.Any(dir =>
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) + Path.DirectorySeparatorChar;
            return path.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        });
        if (!allowed)
            throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.InvalidOperation,
                $"LOAD {source}: loading local files is not allowed here; name its folder in UpdateOptions.AllowedLoadDirectories.");
        using var reader = RdfParser.OpenFile(path, null, readerOptions);
        return reader.ReadAll().ToList();
    }

    private static List<Quad> ReadHttp(Uri uri, Iri source, RdfReaderOptions readerOptions, UpdateOptions options)
    {
        if (!options.AllowedLoadHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            throw new TripleStoreException(ErrorCodes.QueryEvaluation, ErrorKind.InvalidOperation,
                $"LOAD {source}: fetching from {uri.Host} is not allowed; name the host in UpdateOptions.AllowedLoadHosts.");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Accept", "text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml;q=0.9");
        using var response = Http.Send(request, HttpCompletionOption.ResponseHeadersRead, options.CancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > options.MaxLoadBytes)
            throw UpdateExecutor.Failure($"LOAD {source}: the document is larger than UpdateOptions.MaxLoadBytes.");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        RdfFormat format;
        var byMediaType = RdfFormats.All.Where(f => string.Equals(RdfFormats.MediaType(f), mediaType, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byMediaType.Count > 0) format = byMediaType[0];
        else if (!RdfFormats.TryFromPath(uri.AbsolutePath, out format, out _))
            throw UpdateExecutor.Failure($"LOAD {source}: cannot tell the RDF format from the media type '{mediaType}' or the path.");
        var buffer = new MemoryStream();
        using (var body = response.Content.ReadAsStream(options.CancellationToken))
        {
            var chunk = new byte[81920];
            int n;
            while ((n = body.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > options.MaxLoadBytes)
                    throw UpdateExecutor.Failure($"LOAD {source}: the document is larger than UpdateOptions.MaxLoadBytes.");
            }
        }
        buffer.Position = 0;
        using var reader = RdfParser.Create(buffer, format, readerOptions);
        return reader.ReadAll().ToList();
    }
}
