namespace TripleStore.Storage;

/// <summary>
/// The new default-graph triples of an import, on disk, for the materialization's change log. It keeps at
/// most <c>limit</c> of them: past that the log does not track an import anyway, only their number counts.
/// </summary>
internal sealed class NewTripleSpool : IDisposable
{
    private readonly string _path;
    private readonly long _limit;
    private QuadSpoolWriter? _writer;

    public NewTripleSpool(string path, long limit)
    {
        _path = path;
        _limit = limit;
        _writer = new QuadSpoolWriter(path);
    }

    /// <summary>How many triples were written, including those past the limit that were only counted.</summary>
    public long Total { get; private set; }

    public void Write(in QuadIds quad)
    {
        if (++Total <= _limit) _writer!.Write(quad);
    }

    public void Finish()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>The triples in s, p, o order; only when all of them were kept.</summary>
    public IEnumerable<QuadIds> Read()
    {
        if (Total > _limit) throw new InvalidOperationException($"Only the first {_limit} new triples of an import are kept.");
        Finish();
        return QuadSpoolWriter.Read(_path);
    }

    public void Dispose() => Finish();
}
