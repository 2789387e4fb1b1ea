using TripleStore.Sparql;
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
