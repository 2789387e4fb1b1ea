using System.Diagnostics;
using System.Management.Automation;
using TripleStore.PowerShell.Queries;
using TripleStore.Rdf;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// What Add-Triple and Remove-Triple share: triples from parameters or from pipeline objects with
/// Subject, Predicate, Object and Graph properties, collected over the whole pipeline and written as one
/// transaction in EndProcessing. A bad row, Ctrl+C or a declined confirmation writes nothing.
/// </summary>
public abstract class TripleWriteCmdlet : StoreCmdlet
{
    private const int ProgressId = 3;
    private readonly HashSet<Quad> _quads = new();
    private readonly Stopwatch _clock = new();
    private long _rows;

    /// <summary>The subject: an absolute IRI ('http://...' or '&lt;...&gt;'), a [uri], a blank node '_:label' or a term object.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public object? Subject { get; set; }

    /// <summary>The predicate: an absolute IRI, a [uri] or a term object.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public object? Predicate { get; set; }

    /// <summary>
    /// The object: '&lt;iri&gt;', a string that looks like an absolute IRI (scheme://..., urn:, mailto:),
    /// '_:label', an N-Triples literal ('"chat"@fr'), any other string (a plain literal), a [uri], a number,
    /// bool or date (typed literals), or a term object.
    /// </summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public object? Object { get; set; }

    /// <summary>The named graph (an absolute IRI); empty or absent for the default graph.</summary>
    [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(GraphCompleter))]
    [AllowNull, AllowEmptyString]
    public object? Graph { get; set; }

    /// <summary>Any pipeline object; it must carry Subject, Predicate and Object properties.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public object? InputObject { get; set; }

    /// <summary>"Add" or "Remove".</summary>
    private protected abstract string Operation { get; }

    protected override void BeginProcessing() => _clock.Start();

    protected override void ProcessRecord()
    {
        _rows++;
        var where = MyInvocation.ExpectingInput ? $"Input object {_rows}" : "The triple";
        if (Subject is null || Predicate is null || Object is null)
        {
            var missing = string.Join(", ", new[] { (Subject, "Subject"), (Predicate, "Predicate"), (Object, "Object") }
                .Where(p => p.Item1 is null).Select(p => p.Item2));
            ThrowEngineError(new TripleStoreException(ErrorCodes.TermInvalid, ErrorKind.InvalidArgument,
                $"{where} has no {missing}; give -Subject, -Predicate and -Object, or pipe objects with those properties. Nothing was written."), InputObject);
        }
        try
        {
            _quads.Add(new Quad(TripleInput.Subject(Subject), TripleInput.Predicate(Predicate), TripleInput.Object(Object), TripleInput.Graph(Graph)));
        }
        catch (FormatException ex)
        {
            ThrowEngineError(new TripleStoreException(ErrorCodes.TermInvalid, ErrorKind.InvalidArgument,
                $"{where}: {ex.Message} Nothing was written.", ex), InputObject ?? Subject);
        }
        if (_rows % 10_000 == 0)
            WriteProgress(new ProgressRecord(ProgressId, $"{Operation}-Triple", $"{_rows:N0} triples read"));
    }

    protected override void EndProcessing()
    {
        if (_rows >= 10_000)
            WriteProgress(new ProgressRecord(ProgressId, $"{Operation}-Triple", "Writing") { RecordType = ProgressRecordType.Completed });
        if (TargetConnection() is Remote.RemoteStore remote)
        {
            WriteRemote(remote);
            return;
        }
        var store = TargetStore();
        var transaction = Session.TransactionFor(store);
        if (_quads.Count > 0 && !ShouldProcess(store.Path, $"{Operation} {_quads.Count} triple(s){(transaction is null ? "" : " in the open transaction")}")) return;
        try
        {
            ChangeSummary changes;
            if (transaction is not null)
            {
                long count = _quads.LongCount(quad => Operation == "Add" ? transaction.Add(quad) : transaction.Remove(quad));
                changes = Operation == "Add" ? new ChangeSummary(count, 0) : new ChangeSummary(0, count);
            }
            else
            {
                changes = Operation == "Add" ? store.ApplyChanges([], _quads, StopToken) : store.ApplyChanges(_quads, [], StopToken);
            }
            WriteObject(new TripleStoreChangeResult(Operation, store.Path, null, _quads.Count, changes.Added, changes.Removed, _clock.Elapsed, transaction is not null));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex) when (ex.Kind == ErrorKind.Canceled && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, store);
        }
    }

    /// <summary>
    /// A remote store: INSERT DATA / DELETE DATA requests in chunks of the store's ImportChunkSize. The server
    /// does not say how many triples changed, so Added/Removed count the triples sent in accepted requests.
    /// </summary>
    private void WriteRemote(Remote.RemoteStore store)
    {
        if (_quads.Count > 0 && !ShouldProcess(store.Location, $"{Operation} {_quads.Count} triple(s)")) return;
        try
        {
            long sent = Operation == "Add" ? store.InsertData(_quads, StopToken) : store.DeleteData(_quads, StopToken);
            WriteObject(new TripleStoreChangeResult(Operation, store.Location, null, _quads.Count,
                Operation == "Add" ? sent : 0, Operation == "Add" ? 0 : sent, _clock.Elapsed, false));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex) when (ex.Kind == ErrorKind.Canceled && StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TripleStoreException ex)
        {
            ThrowEngineError(ex, store);
        }
    }
}
