using System.Diagnostics;
using RocksDbSharp;
using TripleStore.Rdf;
using TripleStore.Reasoning.Rules;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Runs materializations against one store and keeps the in-memory closure between runs. Every data write
/// goes through <see cref="IWriteObserver.Prepare"/>, which puts the changed triples into the persisted change log and the
/// stale status in the write's own batch; so after a reopen the closure is reloaded from the stored derived
/// triples and the next run still processes only the logged changes. Callers hold the store's writer lock.
/// A run writes nothing until its closure is computed. A full run then writes a new generation of the
/// derived family and makes it current in the batch that commits its status, so an interrupted full run
/// (cancellation, an error, a killed process) leaves the previous materialization and the log as they were.
/// An incremental run marks the status stale with <see cref="ReasoningStatus.FullRunRequired"/> before its
/// first derived-triple write, so one interrupted while writing leaves a materialization that says so, and
/// the next run is full. A run interrupted earlier leaves the previous materialization and the log as they were.
/// </summary>
internal sealed class StoreMaterializer : IWriteObserver
{
    private readonly StoreDatabase _database;
    private readonly WriteOptions _writeOptions;
    private readonly ChangeLog _log = new();
    private Reasoner? _reasoner;
    private FactSet _derived = new();
    private HashSet<Fact> _premises = new();
    private ReasoningStatus _status;
    private string? _pendingGeneration; // a full run's derived generation, written but not yet committed

    /// <summary>Tests only: called on the running thread once a full run's generation is written, before its commit.</summary>
    [ThreadStatic] internal static Action<string>? GenerationWritten;

    public StoreMaterializer(StoreDatabase database, WriteOptions writeOptions)
    {
        _database = database;
        _writeOptions = writeOptions;
        _status = ReasoningMetadata.Read(database);
        if (_status.FullRunRequired) _log.MarkNeedsFull();
        else if (_status.IsMaterialized)
            foreach (var (triple, before) in ReasoningMetadata.ReadLog(database)) _log.Add(triple, before);
    }

    public ReasoningStatus Status => _status with { PendingChanges = _log.Count };

    /// <summary>The observer a data write passes to <see cref="QuadWriter"/>; null when nothing is materialized.</summary>
    public IWriteObserver? Observer => _status.IsMaterialized ? this : null;

    Action? IWriteObserver.Prepare(WriteBatch batch, IReadOnlyDictionary<QuadIds, bool> before)
    {
        if (!_status.IsMaterialized || before.Count == 0) return null;
        var fresh = new List<((TermId, TermId, TermId) Triple, bool Before)>();
        bool overflow = false;
        if (!_log.NeedsFull)
        {
            foreach (var (ids, was) in before)
            {
                var triple = (ids[0], ids[1], ids[2]);
                if (!_log.Contains(triple)) fresh.Add((triple, was));
            }
            overflow = _log.Count + fresh.Count > ChangeLog.TrackingLimit;
        }
        var status = Stale(fullRunRequired: overflow || _status.FullRunRequired);
        if (overflow) ReasoningMetadata.ClearLog(batch, _database);
        else foreach (var (triple, was) in fresh) ReasoningMetadata.PutLogEntry(batch, _database, triple, was);
        if (status != _status) ReasoningMetadata.Put(batch, _database, status);
        return () =>
        {
            if (overflow) _log.MarkNeedsFull();
            else foreach (var (triple, was) in fresh) _log.Add(triple, was);
            _status = status;
        };
    }

    private ReasoningStatus Stale(bool fullRunRequired) =>
        _status.IsStale && _status.FullRunRequired == fullRunRequired
            ? _status
            : _status with { IsStale = true, StaleSince = _status.StaleSince ?? DateTimeOffset.UtcNow, FullRunRequired = fullRunRequired };

    /// <summary>
    /// Called before a change that is not tracked triple by triple (a bulk import): the status is written
    /// stale, full run required, before the change, so that no crash can leave the change unnoticed.
    /// </summary>
    public void BeforeUntrackedChange()
    {
        if (!_status.IsMaterialized || _status.FullRunRequired) return;
        var status = Stale(fullRunRequired: true);
        using (var batch = new WriteBatch())
        {
            ReasoningMetadata.ClearLog(batch, _database);
            ReasoningMetadata.Put(batch, _database, status);
            _database.Db.Write(batch, new WriteOptions().SetSync(true));
        }
        _log.MarkNeedsFull();
        _status = status;
        _reasoner = null;
        _derived = new FactSet();
        _premises = new HashSet<Fact>();
    }

    /// <summary>The fewest new triples an import may bring and still be maintained incrementally, however small the store.</summary>
    internal const long ImportDeltaFloor = 10_000;

    /// <summary>
    /// Whether an import of <paramref name="newTriples"/> new default-graph triples is worth an incremental
    /// run: the pending changes stay within the log's limit, and the import adds at most a quarter of the
    /// triples asserted at the last run (at least <see cref="ImportDeltaFloor"/>). Beyond that, semi-naive
    /// evaluation from the delta touches most of the closure anyway and its batched writes cost more than a
    /// full run's SST ingest.
    /// </summary>
    internal bool ImportIsIncremental(long newTriples) =>
        _log.Count + newTriples <= ChangeLog.TrackingLimit
        && newTriples <= Math.Max(ImportDeltaFloor, _status.AssertedCount / 4);

    /// <summary>
    /// Called by an import after its files are written and before they are ingested, with its new
    /// default-graph triples. When the import is small enough (<see cref="ImportIsIncremental"/>) they enter
    /// the change log as "absent at the last run", with the stale status, synced before the ingest: if the
    /// ingest never happens, the entries compare equal to the store at the next run and change nothing.
    /// Otherwise the materialization is marked for a full run, as before any untracked change.
    /// </summary>
    /// <summary>
    /// Whether <see cref="BeforeImportIngest"/> can do anything: only a materialized store whose change log is
    /// still tracked wants an import's new triples, so other imports need not keep them (nor merge in one range).
    /// </summary>
    internal bool TracksImports => _status.IsMaterialized && !_log.NeedsFull && !_status.FullRunRequired;

    public void BeforeImportIngest(long newTriples, Func<IEnumerable<QuadIds>> read)
    {
        if (!_status.IsMaterialized || newTriples == 0 || _log.NeedsFull || _status.FullRunRequired) return;
        if (!ImportIsIncremental(newTriples))
        {
            BeforeUntrackedChange();
            return;
        }
        const int BatchSize = 100_000;
        var status = Stale(fullRunRequired: false);
        var batch = new WriteBatch();
        try
        {
            if (status != _status) ReasoningMetadata.Put(batch, _database, status);
            int pending = 0;
            foreach (var ids in read())
            {
                var triple = (ids[0], ids[1], ids[2]);
                if (_log.Contains(triple)) continue;
                ReasoningMetadata.PutLogEntry(batch, _database, triple, presentBefore: false);
                _log.Add(triple, presentBefore: false);
                if (++pending < BatchSize) continue;
                _database.Db.Write(batch, new WriteOptions());
                _status = status;
                batch.Dispose();
                batch = new WriteBatch();
                pending = 0;
            }
            _database.Db.Write(batch, new WriteOptions().SetSync(true));
            _status = status;
        }
        finally
        {
            batch.Dispose();
        }
    }

    public MaterializeResult Run(MaterializeOptions options, IProgress<MaterializeProgress>? progress, CancellationToken cancellation)
    {
        var rules = RuleCatalog.Select(options.Profile, options.Rules);
        var clock = Stopwatch.StartNew();
        bool incremental = !options.Full && !_log.NeedsFull && !_status.FullRunRequired && _status.IsMaterialized
                           && _status.Profile == options.Profile && rules.SetEquals(_status.Rules);
        bool writing = false;
        try
        {
            if (incremental && (_reasoner is null || _reasoner.Profile != options.Profile || !_reasoner.Rules.SetEquals(rules)))
                Reload(options, rules, cancellation);
            (long, long, int) counts = default;
            incremental = incremental && TryIncremental(progress, cancellation, () => writing = BeginWriting(), out counts);
            var (added, removed, iterations) = incremental ? counts : Full(options, rules, progress, cancellation);
            var inconsistencies = Decode(_reasoner!.FindInconsistencies());
            StageTrace.Mark("inconsistencies");
            var status = new ReasoningStatus
            {
                IsMaterialized = true,
                Profile = options.Profile,
                Rules = [.. rules.Order(StringComparer.Ordinal)],
                IsStale = false,
                DerivedCount = _derived.Count,
                AssertedCount = _reasoner.Asserted.Count,
                LastRun = DateTimeOffset.UtcNow,
                LastDuration = clock.Elapsed,
                InconsistencyCount = inconsistencies.Count,
            };
            string? generation = _pendingGeneration;
            ReasoningMetadata.Commit(_database, status, generation is null ? null : batch => DerivedFactStore.PutCurrent(batch, _database, generation));
            if (generation is not null)
            {
                _pendingGeneration = null;
                DerivedFactStore.Switched(_database, generation);
            }
            StageTrace.Mark("commit");
            _log.Reset();
            _status = status;
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
            // The closure in memory may be half-updated: forget it. Before any write the stored
            // materialization and its log are intact (the next run reloads them); after, it says
            // FullRunRequired.
            _reasoner = null;
            _derived = new FactSet();
            _premises = new HashSet<Fact>();
            if (writing) _log.MarkNeedsFull();
            if (_pendingGeneration is { } uncommitted)
            {
                // A full run's new generation was never made current: the previous one is still whole.
                _pendingGeneration = null;
                try { DerivedFactStore.Discard(_database, uncommitted); }
                catch (RocksDbException) { } // dropped at the next open instead
            }
            string state = writing
                ? "the stored derived triples are marked stale and the next run recomputes them in full"
                : "the previous materialization is unchanged";
            if (e is OperationCanceledException && cancellation.IsCancellationRequested)
                throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled, $"The materialization was canceled; {state}.", e);
            if (e is RocksDbException)
                throw new TripleStoreException(ErrorCodes.IO, ErrorKind.IO, $"The materialization failed in the storage engine; {state}: {e.Message}", e);
            throw;
        }
    }

    /// <summary>Marks the stored materialization stale, full run required, before its derived triples change.</summary>
    private bool BeginWriting()
    {
        var status = _status with
        {
            IsMaterialized = true,
            IsStale = true,
            StaleSince = _status.StaleSince ?? DateTimeOffset.UtcNow,
            FullRunRequired = true,
        };
        ReasoningMetadata.Write(_database, status);
        _status = status;
        return true;
    }

    /// <summary>
    /// Rebuilds the closure of the last run from the store: the asserted triples as they were then (the
    /// current ones with the change log undone) and the stored derived triples and premises.
    /// </summary>
    private void Reload(MaterializeOptions options, IReadOnlySet<string> rules, CancellationToken cancellation)
    {
        var reasoner = new Reasoner(options.Profile, rules, options.Parallel) { Cancellation = cancellation };
        var loader = new FactLoader(_database, reasoner.Terms);
        var before = _log.Before;
        Presize(reasoner, _status.AssertedCount, _status.DerivedCount);
        reasoner.Asserted.EnsureCapacity((int)Math.Min(_status.AssertedCount, 1 << 28));
        // As in a full run, a second thread scans the store and numbers the terms while this one rebuilds
        // the working set; the scans leave the block cache alone.
        void Asserted(FactLoader.FactSink sink)
        {
            if (before.Count == 0) loader.Asserted(sink);
            else loader.Asserted(sink, (s, p, o) => !before.TryGetValue((s, p, o), out bool was) || was);
            foreach (var (t, was) in before)
                if (was) loader.Add(sink, t.S, t.P, t.O);
        }
        var derived = new FactSet((int)Math.Min(1 << 28, _status.DerivedCount));
        var premises = new HashSet<Fact>();
        IEnumerable<Fact> Closure()
        {
            // Premises are marked in the sign bit of the object's number (numbers are never negative).
            var stored = FactLoader.Pipelined(sink =>
            {
                loader.Derived(sink, QuadIndex.DefaultSpo, 0);
                loader.Derived(sink, QuadIndex.DerivedPremises, int.MinValue);
            }, cancellation);
            foreach (var marked in stored)
            {
                var fact = new Fact(marked.S, marked.P, marked.O & int.MaxValue);
                if (marked.O < 0) premises.Add(fact);
                else derived.Add(fact);
                yield return fact;
            }
        }
        // The closure's enumeration starts (and numbers terms) only after the asserted one has ended.
        reasoner.Restore(FactLoader.Pipelined(Asserted, cancellation), Closure());
        _reasoner = reasoner;
        _derived = derived;
        _premises = premises;
    }

    private (long Added, long Removed, int Iterations) Full(MaterializeOptions options, IReadOnlySet<string> rules,
        IProgress<MaterializeProgress>? progress, CancellationToken cancellation)
    {
        StageTrace.Mark("start");
        var reasoner = new Reasoner(options.Profile, rules, options.Parallel) { Progress = progress, Cancellation = cancellation };
        var loader = new FactLoader(_database, reasoner.Terms);
        long asserted;
        using (var snapshot = new StoreSnapshot(_database, null))
            asserted = snapshot.EstimateCount(null, null, null, Dataset.GraphSelector.Default); // the default graph's counter
        Presize(reasoner, asserted, _status.DerivedCount);
        // The scan and the term numbering run on every core over subject ranges; the facts then enter the
        // working set as one batch, and the asserted set is built in bulk from the same array.
        var loaded = loader.AssertedInParallel(options.Parallel ? LoadWorkers : 1, asserted, cancellation);
        StageTrace.Mark("scan+number");
        reasoner.MaterializeLoaded(loaded);
        StageTrace.Mark("load+fixpoint");
        // One pass over the closure splits it into derived triples (to store) and premises; the derived list
        // is distinct already (each representative fact expands to its own triples), so no set is needed to
        // write it, and the set kept for the next incremental run is built while the SST files are written.
        var facts = new List<Fact>((int)Math.Max(0, reasoner.Store.Count - loaded.Length));
        var premiseList = new List<Fact>();
        reasoner.SplitClosure(facts, premiseList);
        StageTrace.Mark("derived+premises");
        progress?.Report(new MaterializeProgress("write", reasoner.Iterations, facts.Count));
        cancellation.ThrowIfCancellationRequested();
        // The derived triples go into a new generation of the derived family, which the run's commit makes
        // current: until then the previous materialization stays whole (a failure or a crash keeps it), and
        // the new files land in the empty family's bottom level, so nothing is left to compact afterwards.
        // The dictionary entries and the premises are written without a sync of their own: nothing reads them
        // before the run's commit, whose synced write makes the log up to it durable (one log for all families).
        // The terms are ranked (one thread) while this one waits for those writes and the new family.
        FactSet? derived = null;
        var ranking = Task.Run(() => new FactSorter(reasoner.Terms));
        var keep = Task.Run(() => derived = new FactSet(facts));
        string generation;
        ColumnFamilyHandle family;
        try
        {
            DerivedFactStore.WriteDictionary(_database, reasoner.Terms.Constants.Values, Unsynced);
            (generation, family) = DerivedFactStore.CreateGeneration(_database);
            _pendingGeneration = generation;
            StageTrace.Mark("dict/generation");
            var parts = ranking.GetAwaiter().GetResult().Parts(facts, partsPerIndex: 2);
            StageTrace.Mark("rank+sort keys");
            DerivedFactIngester.Ingest(_database, family, parts, cancellation);
            StageTrace.Mark("write+ingest");
        }
        finally
        {
            Task.WaitAny(ranking); // reads the term table: done before the run returns, whatever happened
            keep.Wait(CancellationToken.None);
        }
        StageTrace.Mark("derived set (rest)");
        var premises = premiseList.ToHashSet();
        DerivedFactStore.Write(_database, [], premises.Select(f => Ids(reasoner.Terms, f)), Unsynced, cancellation, premises: true, into: family);
        GenerationWritten?.Invoke(generation);
        StageTrace.Mark("premise write");
        long removed = _status.DerivedCount > 0 && _derived.Count == 0
            ? Math.Max(0, _status.DerivedCount - derived!.Count) // reopened: the old set is not in memory; a lower bound
            : _derived.Count(f => !derived!.Contains(f));
        long added = derived!.Count;
        _reasoner = reasoner;
        _derived = derived;
        _premises = premises;
        return (added, removed, reasoner.Iterations);
    }

    /// <summary>Writes a full run makes before its commit: the commit's synced write makes them durable.</summary>
    private static readonly WriteOptions Unsynced = new WriteOptions().SetSync(false);

    /// <summary>Threads that scan the store in a full run's load (one per core, up to a handful).</summary>
    private static int LoadWorkers => Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Facts of the closure a store cannot hold as triples (a literal subject, a non-IRI predicate).</summary>
    private static IEnumerable<Fact> Premises(Reasoner reasoner)
    {
        foreach (var rep in reasoner.Store.All())
            foreach (var fact in reasoner.Expand(rep))
                if (!reasoner.IsStorable(fact)) yield return fact;
    }

    private bool TryIncremental(IProgress<MaterializeProgress>? progress, CancellationToken cancellation, Action beginWriting, out (long, long, int) counts)
    {
        StageTrace.Mark("incremental start");
        var reasoner = _reasoner!;
        reasoner.Progress = progress;
        reasoner.Cancellation = cancellation;
        int startIterations = reasoner.Iterations;
        var additions = new List<Fact>();
        var removals = new List<Fact>();
        foreach (var ((s, p, o), present) in _log.Changes(_database))
        {
            var fact = new Fact(reasoner.Terms.Intern(s), reasoner.Terms.Intern(p), reasoner.Terms.Intern(o));
            (present ? additions : removals).Add(fact);
        }
        var shape = ListRules.ShapePredicates.Select(reasoner.Terms.Intern).ToHashSet();
        if (reasoner.Profile == ReasoningProfile.Owl2Rl && removals.Count > 0 && !reasoner.CanRemoveIncrementally(removals, shape))
        {
            counts = default;
            return false;
        }
        StageTrace.Mark("change log");
        reasoner.ResetEqualityFlag();
        var left = reasoner.RemoveAsserted(removals);
        StageTrace.Mark("removals");
        reasoner.AddedLog = new List<Fact>();
        reasoner.AddAsserted(additions);
        var entered = reasoner.AddedLog;
        reasoner.AddedLog = null;
        StageTrace.Mark("additions");

        var puts = new List<Fact>();
        var deletes = new List<Fact>();
        var premisePuts = new List<Fact>();
        var premiseDeletes = new List<Fact>();
        if (reasoner.EqualityChanged)
        {
            var now = reasoner.DerivedTriples().ToHashSet();
            deletes.AddRange(_derived.Where(f => !now.Contains(f)));
            puts.AddRange(now.Where(f => !_derived.Contains(f)));
            var premisesNow = Premises(reasoner).ToHashSet();
            premiseDeletes.AddRange(_premises.Where(f => !premisesNow.Contains(f)));
            premisePuts.AddRange(premisesNow.Where(f => !_premises.Contains(f)));
        }
        else
        {
            var candidates = new HashSet<Fact>(additions.Concat(removals));
            foreach (var rep in left.Concat(entered))
                foreach (var fact in reasoner.Expand(rep)) candidates.Add(fact);
            foreach (var fact in candidates)
            {
                if (!reasoner.IsStorable(fact))
                {
                    bool entailed = reasoner.Entails(fact), held = _premises.Contains(fact);
                    if (entailed && !held) premisePuts.Add(fact);
                    else if (!entailed && held) premiseDeletes.Add(fact);
                    continue;
                }
                bool should = !reasoner.Asserted.Contains(fact) && reasoner.Entails(fact);
                bool has = _derived.Contains(fact);
                if (should && !has) puts.Add(fact);
                else if (!should && has) deletes.Add(fact);
            }
        }
        StageTrace.Mark("changed triples");
        progress?.Report(new MaterializeProgress("write", reasoner.Iterations, puts.Count + deletes.Count));
        cancellation.ThrowIfCancellationRequested();
        beginWriting();
        DerivedFactStore.WriteDictionary(_database, reasoner.Terms.Constants.Values, _writeOptions);
        DerivedFactStore.Write(_database, deletes.Select(f => Ids(reasoner.Terms, f)), puts.Select(f => Ids(reasoner.Terms, f)), _writeOptions, cancellation);
        DerivedFactStore.Write(_database, premiseDeletes.Select(f => Ids(reasoner.Terms, f)), premisePuts.Select(f => Ids(reasoner.Terms, f)), _writeOptions, cancellation, premises: true);
        foreach (var fact in deletes) _derived.Remove(fact);
        foreach (var fact in puts) _derived.Add(fact);
        foreach (var fact in premiseDeletes) _premises.Remove(fact);
        foreach (var fact in premisePuts) _premises.Add(fact);
        StageTrace.Mark("write");
        counts = (puts.Count, deletes.Count, reasoner.Iterations - startIterations);
        return true;
    }

    /// <summary>
    /// Sizes the working set's tables for a closure of about <paramref name="asserted"/> plus
    /// <paramref name="derived"/> facts (the last run's counts, or an estimate), so loading millions of
    /// facts does not rehash them again and again. Without a last run the closure is taken to be as large
    /// again as what is asserted (LUBM's is 1.65 times). The rows get <see cref="RepeatSlack"/> more: a merge
    /// appends every fact of its batch and marks the repeats dead, so a closure of exactly the last run's size
    /// takes a few rows more than it has facts, and one row over the array doubles it (LUBM(10): 53 repeats
    /// over 2,178,077 rows regrew the array to 4.4M rows, 104 MB copied in the second merge).
    /// </summary>
    internal static void Presize(Reasoner reasoner, long asserted, long derived)
    {
        if (asserted <= 0) return;
        long closure = derived > 0 ? asserted + derived : asserted * 2;
        const long Limit = 1 << 28;
        reasoner.Store.EnsureCapacity((int)Math.Min(closure + RepeatSlack(closure), Limit));
        reasoner.Terms.EnsureCapacity((int)Math.Min(asserted / 4, Limit));
    }

    /// <summary>Rows beyond the expected closure for the repeats the merges append as dead rows: 1/64 of it, and at least 1,024.</summary>
    internal static long RepeatSlack(long closure) => Math.Max(1024, closure / 64);

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
        // One batch: a crash leaves either the whole materialization or none of it.
        using (var batch = new WriteBatch())
        {
            DerivedFactStore.Clear(batch, _database);
            ReasoningMetadata.Delete(batch, _database);
            _database.Db.Write(batch, new WriteOptions().SetSync(true));
        }
        _status = ReasoningStatus.None;
        _reasoner = null;
        _derived = new FactSet();
        _premises = new HashSet<Fact>();
        _log.Reset();
    }
}
