using TripleStore.Dataset;
using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Update;
using TripleStore.Storage;

namespace TripleStore;

/// <summary>
/// A write transaction of an <see cref="RdfStore"/>: changes collect in memory over the snapshot taken
/// when it began, queries through it see its own writes, and <see cref="Commit"/> writes them all in one
/// atomic batch. It holds the store's writer lock from begin to commit or rollback; disposing it without
/// a commit rolls back.
/// </summary>
public sealed class StoreTransaction : IDisposable
{
    private readonly RdfStore _store;
    private readonly StoreSnapshot _snapshot;
    private readonly OverlayDataset _changes;
    private bool _finished;

    internal StoreTransaction(RdfStore store, StoreSnapshot snapshot)
    {
        _store = store;
        _snapshot = snapshot;
        _changes = new OverlayDataset(snapshot);
    }

    /// <summary>The quads this transaction adds and removes so far.</summary>
    public int PendingChanges => _changes.Additions.Count + _changes.Removals.Count;

    public bool Add(Quad quad)
    {
        ThrowIfFinished();
        return _changes.Insert(quad);
    }

    public bool Remove(Quad quad)
    {
        ThrowIfFinished();
        return _changes.Delete(quad);
    }

    /// <summary>Runs an update request inside the transaction. If it fails, none of its operations apply, and the transaction stays usable.</summary>
    public UpdateResult Update(string request, UpdateOptions? options = null)
    {
        ThrowIfFinished();
        var update = SparqlUpdate.Parse(request, options?.BaseIri);
        // Run on a scratch layer first so a failing request does not leave half its operations behind.
        var scratch = new OverlayDataset(_changes);
        var result = UpdateExecutor.Execute(update, scratch, _store.WithServices(options));
        foreach (var quad in scratch.Removals) _changes.Delete(quad);
        foreach (var quad in scratch.Additions) _changes.Insert(quad);
        return result with { QuadsInserted = scratch.Additions.Count, QuadsDeleted = scratch.Removals.Count };
    }

    /// <summary>Evaluates an update request as this transaction sees the store and reports what it would change, changing nothing.</summary>
    public UpdatePreview PreviewUpdate(string request, UpdateOptions? options = null)
    {
        ThrowIfFinished();
        return UpdatePreview.Run(SparqlUpdate.Parse(request, options?.BaseIri), _changes, _store.WithServices(options));
    }

    /// <summary>Removes every quad of the selected graphs (as this transaction sees them); returns how many.</summary>
    public long Clear(GraphSelector graph)
    {
        ThrowIfFinished();
        var doomed = _changes.Match(null, null, null, graph).ToList();
        long removed = 0;
        foreach (var quad in doomed)
            if (_changes.Delete(quad)) removed++;
        return removed;
    }

    /// <summary>
    /// Reads RDF files into the transaction, all or nothing: a syntax error in any file leaves the
    /// transaction as it was. The statements are held in memory until the commit, so this suits files
    /// of moderate size; <see cref="RdfStore.Import(IEnumerable{string}, ImportOptions?, IProgress{ImportProgress}?, CancellationToken)"/> is the bulk path.
    /// </summary>
    public ImportSummary Import(IEnumerable<string> paths, ImportOptions? options = null, CancellationToken cancellation = default)
    {
        ThrowIfFinished();
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ImportOptions();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var files = paths.Select(System.IO.Path.GetFullPath).ToList();
        // A scratch layer, so that a file failing halfway adds nothing.
        var scratch = new OverlayDataset(_changes);
        long read = 0, added = 0, skipped = 0;
        foreach (var file in files)
        {
            using var reader = Formats.RdfParser.OpenFile(file, options.Format, RdfStore.ReaderOptions(options) with { SourceName = file });
            foreach (var quad in reader.ReadAll())
            {
                if ((read & 0xFFF) == 0) cancellation.ThrowIfCancellationRequested();
                read++;
                if (scratch.Insert(quad)) added++;
            }
            skipped += reader.ErrorCount;
        }
        foreach (var quad in scratch.Additions) _changes.Insert(quad);
        return new ImportSummary(files.Count, read, added, read - added, skipped, clock.Elapsed);
    }

    /// <summary>Evaluates a query over the store as this transaction sees it (its own writes included). Read the result before committing.</summary>
    public SparqlResult Query(string query, QueryOptions? options = null)
    {
        ThrowIfFinished();
        return SparqlEngine.Evaluate(query, _changes, options);
    }

    /// <summary>Writes every change in one atomic, durable batch and releases the writer lock.</summary>
    public ChangeSummary Commit()
    {
        ThrowIfFinished();
        try
        {
            return _store.CommitOverlay(_changes, default);
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>Discards every change and releases the writer lock.</summary>
    public void Rollback()
    {
        ThrowIfFinished();
        Finish();
    }

    public void Dispose()
    {
        if (!_finished) Finish();
    }

    private void Finish()
    {
        _finished = true;
        _snapshot.Dispose();
        _store.EndTransaction();
    }

    private void ThrowIfFinished()
    {
        if (_finished)
            throw new TripleStoreException(ErrorCodes.StoreClosed, ErrorKind.InvalidOperation, "The transaction has already been committed or rolled back.");
    }
}
