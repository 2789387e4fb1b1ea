using Microsoft.Extensions.Logging;
using TripleStore.Sparql;
using TripleStore.Sparql.Caching;
using TripleStore.Telemetry;

namespace TripleStore;

// Result cache warming (ResultCacheWarmOnOpen): the most used queries are counted while the store is
// open, saved to a small file in its folder when it closes, and run again in the background when it
// opens, so that a dashboard's first request after a restart is already a cache hit.
public sealed partial class RdfStore
{
    private ResultCacheUsage? _usage;
    private ResultCacheWarmer? _warmer;
    private int _warmQueries;

    /// <summary>How long a close waits for a warming query to notice it was canceled.</summary>
    private static readonly TimeSpan WarmStopWait = TimeSpan.FromSeconds(5);

    /// <summary>What result cache warming did since the store opened.</summary>
    public ResultCacheWarmStatus ResultCacheWarming => new()
    {
        Enabled = _usage is not null,
        Queued = _warmer?.Queued ?? 0,
        Warmed = _warmer?.Warmed ?? 0,
        Skipped = _warmer?.Skipped ?? 0,
        Failed = _warmer?.Failed ?? 0,
        Running = _warmer?.IsRunning ?? false,
    };

    /// <summary>Reads the warm file (small, bounded) and starts warming in the background; never throws.</summary>
    private void StartWarming(Configuration.StoreConfiguration configuration)
    {
        if (!configuration.ResultCacheWarmOnOpen || !_results.Enabled) return;
        _warmQueries = configuration.ResultCacheWarmQueries;
        _usage = new ResultCacheUsage(4 * _warmQueries);
        var saved = WarmFile.Read(WarmFile.PathIn(Path), _warmQueries, _logger);
        if (saved.Count == 0) return;
        _warmer = new ResultCacheWarmer(saved, RunWarmQuery, _logger);
        _warmer.Start();
    }

    /// <summary>
    /// Runs one saved query through the cache and reads it to the end. Its count carries over halved, so
    /// queries that stopped being asked for fade out of the file. False when it no longer parses.
    /// </summary>
    private bool RunWarmQuery(WarmQuery warm, CancellationToken cancellation)
    {
        var options = WithDefaults(warm.ToOptions(cancellation));
        SparqlQuery parsed;
        try
        {
            parsed = StoreQuery.Parse(_queries, warm.Text, options.BaseIri);
        }
        catch (TripleStoreException e) when (e.ErrorCode == ErrorCodes.QuerySyntax)
        {
            return false;
        }
        string algebra = ResultCacheKey.AlgebraOf(parsed);
        if (!QueryFootprint.IsCacheable(parsed, algebra)) return false;
        var telemetry = QueryTelemetry.Start();
        telemetry.SetForm(parsed.Form);
        bool derived = options.IncludeDerived;
        var result = StoreQuery.RunCached(_results, parsed, () => OpenSnapshot(derived), options, telemetry, MaxResultRows);
        switch (result)
        {
            case SolutionSequence rows:
                foreach (var _ in rows) { }
                break;
            case GraphResult triples:
                foreach (var _ in triples) { }
                break;
        }
        // Seeded once run: a query cut short by the close is saved again from the warmer's unprocessed list.
        if (warm.Uses / 2 > 0) _usage?.Seed(ResultCacheKey.Create(parsed, algebra, options, options.IncludeDerived), warm with { Uses = warm.Uses / 2 });
        return true;
    }

    /// <summary>Cancels warming and waits (briefly) for its current query to stop.</summary>
    private void StopWarming()
    {
        if (_warmer is { } warmer && !warmer.Stop(WarmStopWait))
            _logger.LogWarning("Result cache warming did not stop within {Seconds} s of the close; its query fails when the store closes.", WarmStopWait.TotalSeconds);
    }

    /// <summary>Saves the most used queries (call while closing, before the database goes); logs, never throws.</summary>
    private void SaveWarmFile()
    {
        if (_usage is null || _database.ReadOnly) return;
        try
        {
            var top = _usage.Top(_warmQueries);
            // Saved queries warming did not reach (the store closed first) keep their place, decayed like the others.
            var pending = _warmer?.Unprocessed().Where(q => q.Uses / 2 > 0).Select(q => q with { Uses = q.Uses / 2 }) ?? [];
            var merged = top.Concat(pending)
                .GroupBy(q => q.Identity, StringComparer.Ordinal)
                .Select(g => g.First() with { Uses = g.Sum(q => q.Uses) })
                .OrderByDescending(q => q.Uses).ThenBy(q => q.Text, StringComparer.Ordinal)
                .Take(_warmQueries).ToList();
            WarmFile.Write(WarmFile.PathIn(Path), merged);
            _logger.LogInformation("Saved {Count} queries for result cache warming in {File}.", merged.Count, WarmFile.FileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not save the result cache warm file in {Path}: {Error}", Path, e.Message);
        }
    }
}
