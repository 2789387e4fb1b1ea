using TripleStore.Rdf;

namespace TripleStore.Formats;

/// <summary>
/// A streaming RDF reader: it pulls one quad at a time, so memory does not grow with the input.
/// Create one with <see cref="RdfParser"/>.
/// </summary>
public abstract class RdfReader : IDisposable
{
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);

    protected RdfReader(RdfReaderOptions options)
    {
        Options = options;
        BlankNodes = options.BlankNodes ?? new BlankNodeScope();
    }

    public RdfReaderOptions Options { get; }

    public abstract RdfFormat Format { get; }

    protected BlankNodeScope BlankNodes { get; }

    /// <summary>The prefixes the document has declared so far (prefix name to namespace IRI).</summary>
    public IReadOnlyDictionary<string, string> Prefixes => _prefixes;

    /// <summary>The number of statements read so far.</summary>
    public long StatementCount { get; protected set; }

    /// <summary>The errors skipped so far in lenient mode.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Reads the next quad; false at the end of the input. Throws <see cref="RdfSyntaxException"/> on bad input unless lenient.</summary>
    public abstract bool TryRead(out Quad quad);

    public IEnumerable<Quad> ReadAll()
    {
        while (TryRead(out var q)) yield return q;
    }

    protected void DeclarePrefix(string prefix, string namespaceIri) => _prefixes[prefix] = namespaceIri;

    /// <summary>In lenient mode reports the error and returns; otherwise throws it.</summary>
    protected void ReportError(RdfSyntaxError error)
    {
        if (!Options.Lenient) throw new RdfSyntaxException(error);
        ErrorCount++;
        Options.OnError?.Invoke(error);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
