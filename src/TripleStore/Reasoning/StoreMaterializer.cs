using System.Diagnostics;
using RocksDbSharp;
using TripleStore.Rdf;
using TripleStore.Reasoning.Rules;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Runs materializations against one store and keeps the in-memory closure between runs, so that the
/// next run only processes the changes logged since. Callers hold the store's writer lock.
/// The status is marked stale in the meta data before any derived triple is written, so an interrupted
/// run leaves a materialization that says it is stale; the in-memory closure is then dropped and the next
/// run recomputes in full.
/// </summary>
internal sealed class StoreMaterializer
{
    private readonly StoreDatabase _database;
    private readonly WriteOptions _writeOptions;
    private readonly ChangeLog _log = new();
    private Reasoner? _reasoner;
    private HashSet<Fact> _derived = new();
    private ReasoningStatus _status;

    public StoreMaterializer(StoreDatabase database, WriteOptions writeOptions)
    {
        _database = database;
        _writeOptions = writeOptions;
        _status = ReasoningMetadata.Read(database);
    }

    public ReasoningStatus Status => _status;

    /// <summary>True when writes must be logged: there is a materialization to keep up to date.</summary>
    public bool IsTracking => _status.IsMaterialized;

    public void RecordChanges(IEnumerable<Quad> removals, IEnumerable<Quad> additions)
    {
        _log.Record(removals, additions);
        MarkStale();
    }

    public void RecordUntrackedChange()
    {
        _log.MarkNeedsFull();
        MarkStale();
    }

    private void MarkStale()
    {
        if (!_status.IsMaterialized || _status.IsStale) return;
        _status = _status with { IsStale = true };
        ReasoningMetadata.Write(_database, _status);
    }

    public MaterializeResult Run(MaterializeOptions options, IProgress<MaterializeProgress>? progress, CancellationToken cancellation)
    {
        var rules = RuleCatalog.Select(options.Profile, options.Rules);
        var clock = Stopwatch.StartNew();
        bool incremental = !options.Full && _reasoner is not null && !_log.NeedsFull && _status.IsMaterialized
                           && _reasoner.Profile == options.Profile && _reasoner.Rules.SetEquals(rules);
        _status = _status with { IsMaterialized = true, IsStale = true, Profile = options.Profile };
        ReasoningMetadata.Write(_database, _status);
        try
        {
            (long, long, int) counts = default;
            incremental = incremental && TryIncremental(progress, cancellation, out counts);
            var (added, removed, iterations) = incremental ? counts : Full(options, rules, progress, cancellation);
            var inconsistencies = Decode(_reasoner!.FindInconsistencies());
            _log.Reset();
            _status = new ReasoningStatus
            {
                IsMaterialized = true,
                Profile = options.Profile,
                Rules = [.. rules.Order(StringComparer.Ordinal)],
                IsStale = false,
                DerivedCount = _derived.Count,
                LastRun = DateTimeOffset.UtcNow,
                LastDuration = clock.Elapsed,
                InconsistencyCount = inconsistencies.Count,
            };
            ReasoningMetadata.Write(_database, _status);
            return new MaterializeResult
            {
                Profile = options.Profile,
                Incremental = incremental,
                Derived = added,
                Removed = removed,
                TotalDerived = _derived.Count,
                Iterations = iterations,
                Duration = clock.Elapsed,
                Inconsistencies = inconsistencies,
            };
        }
        catch (Exception e)
        {
            // The closure in memory may be half-updated: forget it; the stored one is marked stale.
            _reasoner = null;
            _derived = new HashSet<Fact>();
            _log.MarkNeedsFull();
            if (e is OperationCanceledException && cancellation.IsCancellationRequested)
                throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled,
                    "The materialization was canceled; the stored derived triples are marked stale.", e);
            if (e is RocksDbException)
                throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO,
                    $"The materialization failed in the storage engine; the stored derived triples are marked stale: {e.Message}", e);
            throw;
        }
    }

    private (long Added, long Removed, int Iterations) Full(MaterializeOptions options, IReadOnlySet<string> rules,
        IProgress<MaterializeProgress>? progress, CancellationToken cancellation)
    {
        var reasoner = new Reasoner(options.Profile, rules, options.Parallel) { Progress = progress, Cancellation = cancellation };
        reasoner.MaterializeAll(LoadAsserted(reasoner.Terms, cancellation));
        var derived = new HashSet<Fact>((int)Math.Max(0, reasoner.Store.Count - reasoner.Asserted.Count));
        foreach (var fact in reasoner.DerivedTriples()) derived.Add(fact);
        progress?.Report(new MaterializeProgress("write", reasoner.Iterations, derived.Count));
        DerivedFactStore.WriteDictionary(_database, reasoner.Terms.Constants.Values, _writeOptions);
        DerivedFactStore.Clear(_database, _writeOptions);
        var sorter = new FactSorter(reasoner.Terms);
        var facts = derived.ToList();
        DerivedFactIngester.Ingest(_database, index => sorter.Sorted(facts, index), cancellation);
        long removed = _derived.Count > 0 ? _derived.Count(f => !derived.Contains(f)) : 0;
        long added = derived.Count;
        _reasoner = reasoner;
        _derived = derived;
        return (added, removed, reasoner.Iterations);
    }

    private bool TryIncremental(IProgress<MaterializeProgress>? progress, CancellationToken cancellation, out (long, long, int) counts)
    {
        var reasoner = _reasoner!;
        reasoner.Progress = progress;
        reasoner.Cancellation = cancellation;
        int startIterations = reasoner.Iterations;
        var additions = new List<Fact>();
        var removals = new List<Fact>();
        foreach (var ((s, p, o), present) in _log.Changes)
        {
            var fact = new Fact(reasoner.Terms.Intern(s), reasoner.Terms.Intern(p), reasoner.Terms.Intern(o));
            (present ? additions : removals).Add(fact);
        }
        var shape = ListRules.ShapePredicates.Select(reasoner.Terms.Intern).ToHashSet();
        if (reasoner.Profile == ReasoningProfile.Owl2Rl && !reasoner.CanRemoveIncrementally(removals, shape))
        {
            counts = default;
            return false;
        }
        reasoner.ResetEqualityFlag();
        var left = reasoner.RemoveAsserted(removals);
        reasoner.AddedLog = new List<Fact>();
        reasoner.AddAsserted(additions);
        var entered = reasoner.AddedLog;
        reasoner.AddedLog = null;

        var puts = new List<Fact>();
        var deletes = new List<Fact>();
        if (reasoner.EqualityChanged)
        {
            var now = reasoner.DerivedTriples().ToHashSet();
            deletes.AddRange(_derived.Where(f => !now.Contains(f)));
            puts.AddRange(now.Where(f => !_derived.Contains(f)));
        }
        else
        {
            var candidates = new HashSet<Fact>(additions.Concat(removals));
            foreach (var rep in left.Concat(entered))
                foreach (var fact in reasoner.Expand(rep)) candidates.Add(fact);
            foreach (var fact in candidates)
            {
                bool should = reasoner.IsStorable(fact) && !reasoner.Asserted.Contains(fact) && reasoner.Entails(fact);
                bool has = _derived.Contains(fact);
                if (should && !has) puts.Add(fact);
                else if (!should && has) deletes.Add(fact);
            }
        }
        progress?.Report(new MaterializeProgress("write", reasoner.Iterations, puts.Count + deletes.Count));
        DerivedFactStore.WriteDictionary(_database, reasoner.Terms.Constants.Values, _writeOptions);
        DerivedFactStore.Write(_database, deletes.Select(f => Ids(reasoner.Terms, f)), puts.Select(f => Ids(reasoner.Terms, f)), _writeOptions, cancellation);
        foreach (var fact in deletes) _derived.Remove(fact);
        foreach (var fact in puts) _derived.Add(fact);
        counts = (puts.Count, deletes.Count, reasoner.Iterations - startIterations);
        return true;
    }

    /// <summary>
    /// The asserted default-graph triples as facts. A second thread walks the SPO index (the RocksDB iterator
    /// is the slow part) while the caller's thread numbers the terms and inserts the facts, so the two overlap.
    /// </summary>
    private IEnumerable<Fact> LoadAsserted(TermTable terms, CancellationToken cancellation)
    {
        const int ChunkSize = 16_384;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var chunks = new System.Collections.Concurrent.BlockingCollection<QuadIds[]>(boundedCapacity: 8);
        Exception? failure = null;
        var scanner = new Thread(() =>
        {
            try
            {
                var chunk = new QuadIds[ChunkSize];
                int n = 0;
                foreach (var ids in new QuadScanner(_database.Db, _database.Data, null).Scan(QuadIndex.DefaultSpo, [(byte)KeySection.DefaultSpo]))
                {
                    chunk[n++] = ids;
                    if (n < ChunkSize) continue;
                    chunks.Add(chunk, stop.Token);
                    chunk = new QuadIds[ChunkSize];
                    n = 0;
                }
                if (n > 0) chunks.Add(chunk[..n], stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { failure = e; }
            finally { chunks.CompleteAdding(); }
        }) { IsBackground = true, Name = "materialize-load" };
        scanner.Start();
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable(cancellation))
                foreach (var ids in chunk)
                    yield return new Fact(terms.Intern(ids[0]), terms.Intern(ids[1]), terms.Intern(ids[2]));
            scanner.Join();
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            stop.Cancel();
            scanner.Join();
        }
    }

    private static (TermId, TermId, TermId) Ids(TermTable terms, Fact fact) => (terms.IdOf(fact.S), terms.IdOf(fact.P), terms.IdOf(fact.O));

    private List<Inconsistency> Decode(List<(string Rule, int[] Terms, string Message)> found)
    {
        if (found.Count == 0) return [];
        using var snapshot = new StoreSnapshot(_database, null);
        var terms = _reasoner!.Terms;
        Term Term(int n)
        {
            var id = terms.IdOf(n);
            return terms.Constants.TryGetValue(id, out var constant) ? constant : snapshot.Decode(id);
        }
        return found.Select(f => new Inconsistency(f.Rule, f.Terms.Where(t => t >= 0).Select(Term).ToArray(), f.Message)).ToList();
    }

    /// <summary>Removes the derived triples and the status; the store holds only what was asserted.</summary>
    public void Drop()
    {
        DerivedFactStore.Clear(_database, _writeOptions);
        ReasoningMetadata.Delete(_database);
        _status = ReasoningStatus.None;
        _reasoner = null;
        _derived = new HashSet<Fact>();
        _log.Reset();
    }
}
