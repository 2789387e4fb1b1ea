using TripleStore.Rdf;

namespace TripleStore.Formats;

/// <summary>
/// A streaming RDF writer. Call <see cref="Write(in Quad)"/> for each quad, then <see cref="Finish"/> (or Dispose) to
/// close open blocks. Writers of triple-only syntaxes reject quads in named graphs.
/// </summary>
public abstract class RdfWriter : IDisposable
{
    private bool _finished;

    public abstract RdfFormat Format { get; }

    public long StatementCount { get; protected set; }

    public abstract void Write(in Quad quad);

    public void Write(in Triple triple) => Write(new Quad(triple.Subject, triple.Predicate, triple.Object));

    /// <summary>Closes open blocks and flushes. Idempotent.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        OnFinish();
    }

    protected abstract void OnFinish();

    public void Dispose()
    {
        Finish();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
