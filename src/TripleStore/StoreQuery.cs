using TripleStore.Rdf;
using TripleStore.Sparql;
using TripleStore.Sparql.Caching;
using TripleStore.Sparql.Update;
using TripleStore.Storage;
using TripleStore.Telemetry;

namespace TripleStore;

/// <summary>
/// Runs a query over one snapshot of a store. The results are lazy, so the snapshot must outlive the
/// call: it is released when the result has been read to the end (or the reader stops early), and an
/// ASK, which is answered at once, releases it immediately.
/// </summary>
internal static class StoreQuery
{
    public static SparqlResult Run(SparqlQuery query, Func<StoreSnapshot> openSnapshot, QueryOptions options, QueryTelemetry telemetry, long maxRows = 0)
    {
        var snapshot = openSnapshot();
        SparqlResult result;
        try
        {
            result = SparqlEngine.Evaluate(query, snapshot, options);
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
        var lease = new SnapshotLease(snapshot, telemetry, maxRows);
        switch (result)
        {
            case SolutionSequence rows:
                telemetry.Detach();
                return new SolutionSequence(rows.Variables, () => lease.Hold(rows), rows.Root);
            case GraphResult triples:
                telemetry.Detach();
                return new GraphResult(() => lease.Hold(triples), triples.Root);
            default:
                snapshot.Dispose();
                telemetry.Complete(1);
                return result;
        }
    }

    /// <summary>
    /// As <see cref="Run"/>, answering from <paramref name="cache"/> when it holds the result, and
    /// otherwise filling it as the caller reads the result to the end (a result read only in part,
    /// or larger than the cache's per-result bound, is not kept). The cache's sequence is read before
    /// the snapshot is opened, so a write that commits in between keeps the result out of the cache.
    /// </summary>
    public static SparqlResult RunCached(ResultCache cache, SparqlQuery query, Func<StoreSnapshot> openSnapshot, QueryOptions options,
        QueryTelemetry telemetry, long maxRows, ResultCacheUsage? usage = null)
    {
        string algebra = ResultCacheKey.AlgebraOf(query);
        if (!QueryFootprint.IsCacheable(query, algebra)) return Run(query, openSnapshot, options, telemetry, maxRows);
        var key = ResultCacheKey.Create(query, algebra, options, options.IncludeDerived);
        // Counted for warming; not with bound parameters, whose values must never reach the warm file.
        if (options.Parameters is { Count: > 0 }) usage = null;
        usage?.Record(key, query, options);
        telemetry.Activity?.SetTag("triplestore.cache.hit", false);
        if (cache.TryGet(key, out var value))
        {
            telemetry.Activity?.SetTag("triplestore.cache.hit", true);
            switch (value)
            {
                case bool answer:
                    telemetry.Complete(1);
                    return new BooleanResult(answer, null);
                case CachedRows rows:
                    telemetry.Complete(rows.Rows.Length);
                    return new SolutionSequence(rows.Variables, () => rows.Rows.Select(row => (Term?[])row.Clone()), null);
                case Triple[] triples:
                    telemetry.Complete(triples.Length);
                    return new GraphResult(() => triples, null);
            }
        }
        long start = cache.Sequence;
        // A protocol dataset (default-graph-uri, named-graph-uri) replaces the query's: then any graph may be read.
        bool protocolDataset = options.DefaultGraphs is not null || options.NamedGraphs is not null;
        var footprint = QueryFootprint.OfQuery(query, options.DefaultGraphAsUnion, algebra, protocolDataset);
        var result = Run(query, openSnapshot, options, telemetry, maxRows);
        switch (result)
        {
            case BooleanResult answer:
                if (cache.TryAdd(key, answer.Value, footprint, 16, start)) usage?.MarkStored(key);
                return result;
            case SolutionSequence rows:
                return new SolutionSequence(rows.Variables, () => Fill(rows, row => RowBytes(row),
                    list =>
                    {
                        if (cache.TryAdd(key, new CachedRows(rows.Variables, list.Select(r => (Term?[])r.Clone()).ToArray()), footprint, list.Bytes, start))
                            usage?.MarkStored(key);
                    },
                    cache.MaxResultBytes), rows.Root);
            case GraphResult triples:
                return new GraphResult(() => Fill(triples,
                    t => 24 + ResultCache.EstimateBytes(t.Subject) + ResultCache.EstimateBytes(t.Predicate) + ResultCache.EstimateBytes(t.Object),
                    list =>
                    {
                        if (cache.TryAdd(key, list.ToArray(), footprint, list.Bytes, start)) usage?.MarkStored(key);
                    }, cache.MaxResultBytes), triples.Root);
            default:
                return result;
        }
    }

    private static long RowBytes(Term?[] row)
    {
        long bytes = 24 + 8L * row.Length;
        foreach (var term in row) bytes += ResultCache.EstimateBytes(term);
        return bytes;
    }

    private sealed class SizedList<T> : List<T>
    {
        public long Bytes;
    }

    /// <summary>Passes items through, keeping a copy while it stays under the bound, and stores it once the end is reached.</summary>
    private static IEnumerable<T> Fill<T>(IEnumerable<T> items, Func<T, long> size, Action<SizedList<T>> store, long maxBytes)
    {
        var kept = new SizedList<T>();
        bool keeping = true;
        foreach (var item in items)
        {
            if (keeping)
            {
                kept.Bytes += size(item);
                if (kept.Bytes > maxBytes)
                {
                    keeping = false;
                    kept.Clear();
                }
                else kept.Add(item);
            }
            yield return item;
        }
        if (keeping) store(kept);
    }

    private sealed record CachedRows(IReadOnlyList<string> Variables, Term?[][] Rows);

    public static QueryPlan Explain(SparqlQuery query, Func<StoreSnapshot> openSnapshot, QueryOptions options)
    {
        using var snapshot = openSnapshot();
        return SparqlEngine.Explain(query, snapshot, options);
    }

    /// <summary>
    /// Parses through the cache. When the text is no query but a valid SPARQL Update, says so plainly
    /// instead of reporting the syntax error at the INSERT or DELETE keyword.
    /// </summary>
    public static SparqlQuery Parse(QueryPlanCache cache, string text, string? baseIri)
    {
        try
        {
            var query = cache.GetOrParse(text, baseIri, out bool hit);
            StoreMetrics.RecordCacheLookup("plan", hit);
            return query;
        }
        catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.QuerySyntax && IsUpdate(text, baseIri))
        {
            throw new TripleStoreException(ErrorCodes.QuerySyntax, ErrorKind.QuerySyntax,
                "This is a SPARQL Update request, which Query does not run (it reads only); run it with RdfStore.Update or a StoreTransaction. In PowerShell, Invoke-Sparql runs both.");
        }
    }

    private static bool IsUpdate(string text, string? baseIri)
    {
        try
        {
            SparqlUpdate.Parse(text, baseIri);
            return true;
        }
        catch (TripleStoreException)
        {
            return false;
        }
    }

    /// <summary>One snapshot for one reading of a lazy result; a second reading would find it released.</summary>
    private sealed class SnapshotLease(StoreSnapshot snapshot, QueryTelemetry telemetry, long maxRows)
    {
        private int _taken;

        public IEnumerable<T> Hold<T>(IEnumerable<T> items)
        {
            if (Interlocked.Exchange(ref _taken, 1) != 0)
                throw new InvalidOperationException("A store query result can be read only once; run the query again.");
            long rows = 0;
            try
            {
                using var enumerator = items.GetEnumerator();
                while (true)
                {
                    try
                    {
                        if (!enumerator.MoveNext()) break;
                    }
                    catch (Exception e)
                    {
                        telemetry.Fail(e);
                        throw;
                    }
                    if (maxRows > 0 && rows == maxRows)
                    {
                        var limit = new TripleStoreException(ErrorCodes.LimitExceeded, ErrorKind.LimitExceeded,
                            $"The query returned more than the MaxResultRows limit of {maxRows:N0} rows; add a LIMIT, or raise MaxResultRows.");
                        telemetry.Fail(limit);
                        throw limit;
                    }
                    rows++;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                snapshot.Dispose();
                // Also reached when the reader stops early: the rows it took are the rows returned.
                telemetry.Complete(rows);
            }
        }
    }
}
