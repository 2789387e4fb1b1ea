using TripleStore.Dataset;
using TripleStore.Rdf;
using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// A consistent read view of a store: every call sees the store as it was when the view was taken,
/// whatever is written or imported meanwhile. Terms are decoded lazily, through a small cache.
/// Dispose it when done: it pins old data files while it lives.
/// </summary>
public sealed class StoreSnapshot : IQuadSource, IEncodedQuadSource, IDisposable
{
    // Past this many matching keys an estimate stops counting and asks RocksDB for the range's size.
    private const long ExactCountLimit = 1024;

    private readonly StoreDatabase _database;
    private readonly Snapshot _snapshot;
    private readonly QuadScanner _scanner;
    private readonly TermCache _cache;
    private readonly Action<StoreSnapshot>? _onDispose;
    private bool _disposed;

    // Derived (materialized) triples, scanned alongside the default graph; null to leave them out.
    private readonly QuadScanner? _derived;
    private readonly ColumnFamilyHandle? _derivedFamily; // held until Dispose: a newer full run may retire it meanwhile

    internal StoreSnapshot(StoreDatabase database, Action<StoreSnapshot>? onDispose, bool includeDerived = false)
    {
        _database = database;
        _cache = database.Terms;
        _snapshot = database.Db.CreateSnapshot();
        _scanner = new QuadScanner(database.Db, database.Data, _snapshot);
        _onDispose = onDispose;
        _derivedFamily = includeDerived ? database.AcquireDerived() : null;
        if (_derivedFamily is not null) _derived = new QuadScanner(database.Db, _derivedFamily, _snapshot);
    }

    private EstimateMemo? _estimates;
    private bool _estimatesChecked;

    /// <summary>The estimates shared with other snapshots of the same data, looked up on first use.</summary>
    private EstimateMemo? Estimates
    {
        get
        {
            if (_estimatesChecked) return _estimates;
            ulong sequence = Native.Instance.rocksdb_snapshot_get_sequence_number(_snapshot.Handle);
            _estimates = _database.EstimatesFor(sequence, _derived is not null);
            _estimatesChecked = true;
            return _estimates;
        }
    }

    /// <summary>True when this view also shows the derived triples of a materialization.</summary>
    public bool IncludesDerived => _derived is not null;

    public IEnumerable<Quad> Match(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        if (subject is not null && predicate is not null && @object is not null && graph.Kind == GraphSelectorKind.DefaultGraph)
            return ContainsDefault(subject, predicate, @object) ? [new Quad(subject, (Iri)predicate, @object, null)] : [];
        return MatchDecoded(subject, predicate, @object, graph);
    }

    /// <summary>A fully bound triple of the default graph: one point read per family instead of an iterator.</summary>
    private bool ContainsDefault(Term subject, Term predicate, Term @object)
    {
        ThrowIfDisposed();
        if (!TryEncodePattern(subject, predicate, @object, GraphSelector.Default, out var pattern)) return false;
        var key = QuadScanner.Prefix(QuadIndex.DefaultSpo, pattern, 3);
        return _scanner.Contains(key) || (_derived is not null && _derived.Contains(key));
    }

    private IEnumerable<Quad> MatchDecoded(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        foreach (var quad in MatchEncoded(subject, predicate, @object, graph))
        {
            var g = quad.Graph == TermId.DefaultGraph ? null : Decode(quad.Graph);
            if (Decode(quad.Predicate) is not Iri p) continue;
            yield return new Quad(Decode(quad.Subject), p, Decode(quad.Object), g);
        }
    }

    /// <summary>Like <see cref="Match"/>, but yields ids; decode only what is needed with <see cref="Decode(TermId)"/>.</summary>
    public IEnumerable<EncodedQuad> MatchEncoded(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        ThrowIfDisposed();
        if (!TryEncodePattern(subject, predicate, @object, graph, out var pattern)) yield break;
        foreach (var (index, prefix) in Plan(pattern, subject is not null, predicate is not null, @object is not null, graph.Kind))
        {
            var scan = _derived is not null && !index.IsNamed
                ? DerivedMerge.Union(index, _scanner.Scan(index, prefix), _derived.Scan(index, prefix))
                : _scanner.Scan(index, prefix);
            foreach (var ids in scan)
                yield return new EncodedQuad(ids[0], ids[1], ids[2], index.IsNamed ? ids[3] : TermId.DefaultGraph);
        }
    }

    public IEnumerable<Term> NamedGraphs()
    {
        ThrowIfDisposed();
        var prefix = new[] { (byte)KeySection.Counter, (byte)CounterKind.GraphQuads };
        var options = _scanner.NewReadOptions(prefix, KeyRange.Successor(prefix));
        var ids = new List<TermId>();
        using (var iterator = _database.Db.NewIterator(_database.Data, options))
        {
            for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
            {
                var counter = CounterKey.FromBytes(iterator.GetKeySpan());
                if (counter.Term != TermId.DefaultGraph && CounterKey.DecodeValue(iterator.GetValueSpan()) > 0) ids.Add(counter.Term);
            }
        }
        GC.KeepAlive(options);
        return ids.Select(Decode);
    }

    public long EstimateCount(Term? subject, Term? predicate, Term? @object, GraphSelector graph)
    {
        ThrowIfDisposed();
        if (!TryEncodePattern(subject, predicate, @object, graph, out var pattern)) return 0;
        var memo = Estimates;
        var key = new EstimateKey(pattern, Shape(subject, predicate, @object, graph, false, false, false, fanout: false));
        if (memo is not null && memo.TryGet(key, out double known)) return (long)known;
        long count = CountEstimate(pattern, subject is not null, predicate is not null, @object is not null, graph);
        memo?.Add(key, count);
        return count;
    }

    /// <summary>The <see cref="EstimateKey.Shape"/> of an estimate question.</summary>
    private static int Shape(Term? subject, Term? predicate, Term? @object, GraphSelector graph, bool subjectLater, bool predicateLater, bool objectLater, bool fanout) =>
        (subject is not null ? 1 : 0) | (predicate is not null ? 2 : 0) | (@object is not null ? 4 : 0)
        | (subjectLater ? 8 : 0) | (predicateLater ? 16 : 0) | (objectLater ? 32 : 0) | (fanout ? 64 : 0)
        | ((int)graph.Kind << 8);

    private long CountEstimate(QuadIds pattern, bool s, bool p, bool o, GraphSelector graph)
    {
        long total = 0;
        foreach (var (index, prefix) in Plan(pattern, s, p, o, graph.Kind))
        {
            if (!s && !o)
            {
                var g = pattern[QuadIndex.Graph];
                bool graphBound = graph.Kind == GraphSelectorKind.NamedGraph;
                total += (index.IsNamed, graphBound, p) switch
                {
                    (false, _, false) => Counter(CounterKind.GraphQuads, TermId.DefaultGraph),
                    (false, _, true) => Counter(CounterKind.DefaultPredicate, pattern[QuadIndex.Predicate]),
                    (true, true, false) => Counter(CounterKind.GraphQuads, g),
                    (true, true, true) => Math.Min(Counter(CounterKind.GraphQuads, g), Counter(CounterKind.NamedPredicate, pattern[QuadIndex.Predicate])),
                    (true, false, false) => Counter(CounterKind.NamedTotal, TermId.DefaultGraph),
                    (true, false, true) => Counter(CounterKind.NamedPredicate, pattern[QuadIndex.Predicate]),
                };
                continue;
            }
            total += EstimateRange(index, prefix);
        }
        if (_derived is not null && graph.Kind is GraphSelectorKind.DefaultGraph or GraphSelectorKind.AllGraphs)
        {
            var (index, bound) = QuadIndex.Choose(QuadIndex.DefaultGraph, s, p, o, g: false);
            total += EstimateDerivedRange(index, QuadScanner.Prefix(index, pattern, bound));
        }
        return total;
    }

    /// <summary>
    /// Counts a range of the derived triples exactly when it is small; else sizes it from RocksDB's byte
    /// estimate at the asserted section's bytes per key (same key layout), so a large derived range (every
    /// inferred member of a class) is not mistaken for a small one.
    /// </summary>
    private long EstimateDerivedRange(QuadIndex index, byte[] prefix)
    {
        long counted = _derived!.CountPrefix(prefix, ExactCountLimit);
        if (counted < ExactCountLimit) return counted;
        long rangeBytes = _derived.ApproximateSize(prefix, KeyRange.Successor(prefix));
        long sectionCount = Counter(CounterKind.GraphQuads, TermId.DefaultGraph);
        var section = new[] { (byte)index.Section };
        long sectionBytes = _scanner.ApproximateSize(section, KeyRange.Successor(section));
        if (rangeBytes <= 0 || sectionBytes <= 0 || sectionCount <= 0)
            return _derived.CountPrefix(prefix, 256 * ExactCountLimit);
        return Math.Max(ExactCountLimit, (long)((double)rangeBytes / sectionBytes * sectionCount));
    }

    // How many matches are sampled to estimate a fan-out.
    private const int FanoutSamples = 16;

    /// <summary>
    /// Samples a few matches of the pattern and averages the count of the pattern with each sample's
    /// values in place of the positions an earlier pattern will bind: the expected matches per row.
    /// </summary>
    public double EstimateFanout(Term? subject, Term? predicate, Term? @object, GraphSelector graph, bool subjectLater, bool predicateLater, bool objectLater)
    {
        if (!subjectLater && !predicateLater && !objectLater) return EstimateCount(subject, predicate, @object, graph);
        ThrowIfDisposed();
        if (!TryEncodePattern(subject, predicate, @object, graph, out var pattern)) return 0;
        var memo = Estimates;
        var key = new EstimateKey(pattern, Shape(subject, predicate, @object, graph, subjectLater, predicateLater, objectLater, fanout: true));
        if (memo is not null && memo.TryGet(key, out double known)) return known;
        double fanout = SampleFanout(subject, predicate, @object, graph, subjectLater, predicateLater, objectLater);
        memo?.Add(key, fanout);
        return fanout;
    }

    private double SampleFanout(Term? subject, Term? predicate, Term? @object, GraphSelector graph, bool subjectLater, bool predicateLater, bool objectLater)
    {
        double sum = 0;
        int samples = 0;
        foreach (var q in MatchEncoded(subject, predicate, @object, graph).Take(FanoutSamples))
        {
            var g = graph.Kind == GraphSelectorKind.AllNamedGraphs && q.Graph != TermId.DefaultGraph ? GraphSelector.Named(Decode(q.Graph)) : graph;
            sum += EstimateCount(subjectLater ? Decode(q.Subject) : subject, predicateLater ? Decode(q.Predicate) : predicate,
                objectLater ? Decode(q.Object) : @object, g);
            samples++;
        }
        return samples == 0 ? 0 : sum / samples;
    }

    /// <summary>Counts a range exactly when it is small; else scales RocksDB's size estimate of the range.</summary>
    private long EstimateRange(QuadIndex index, byte[] prefix)
    {
        long counted = _scanner.CountPrefix(prefix, ExactCountLimit);
        if (counted < ExactCountLimit) return counted;
        long sectionCount = index.IsNamed ? Counter(CounterKind.NamedTotal, TermId.DefaultGraph) : Counter(CounterKind.GraphQuads, TermId.DefaultGraph);
        var section = new[] { (byte)index.Section };
        long sectionBytes = _scanner.ApproximateSize(section, KeyRange.Successor(section));
        long rangeBytes = _scanner.ApproximateSize(prefix, KeyRange.Successor(prefix));
        if (sectionBytes <= 0 || rangeBytes <= 0)
            return _scanner.CountPrefix(prefix, 64 * ExactCountLimit); // still in memtables: small enough to count
        long estimate = (long)((double)rangeBytes / sectionBytes * sectionCount);
        return Math.Clamp(estimate, ExactCountLimit, Math.Max(ExactCountLimit, sectionCount));
    }

    private long Counter(CounterKind kind, TermId term)
    {
        var value = _scanner.Get(new CounterKey(kind, term).ToBytes());
        return value is null ? 0 : CounterKey.DecodeValue(value);
    }

    /// <summary>The term an id stands for: inline ids decode directly, others through the dictionary.</summary>
    public Term Decode(TermId id)
    {
        ThrowIfDisposed();
        if (id.IsInline) return InlineLiteralCodec.Decode(id);
        if (_cache.TryGet(id, out var term)) return term;
        var key = new byte[1 + TermId.Size];
        key[0] = (byte)KeySection.Dictionary;
        id.Write(key.AsSpan(1));
        var value = _scanner.Get(key)
            ?? throw new TripleStoreException(ErrorCodes.Corruption, ErrorKind.Corruption,
                $"The store at {_database.Path} uses term id {id}, which its dictionary lacks; the store may be damaged.");
        term = TermSerializer.Deserialize(value);
        _cache.Add(id, term);
        return term;
    }

    /// <summary>True: <see cref="DecodeMany"/> reads the ids the term cache lacks in one batched read.</summary>
    public bool DecodesInBatches => true;

    // Below this many ids missing from the term cache, single reads cost no more than a batch.
    private const int BatchedDecodeMinimum = 4;

    /// <summary>
    /// The terms of many ids at once (a batch of result rows): inline ids and ids in the decoded-term cache
    /// directly, the rest from the dictionary in one batched read (<see cref="BatchedPointRead"/>), each
    /// distinct id once, then cached. Gives the same terms as <see cref="Decode(TermId)"/> one by one.
    /// </summary>
    public void DecodeMany(ReadOnlySpan<NodeId> ids, Span<Term> terms)
    {
        ThrowIfDisposed();
        Dictionary<TermId, int>? missing = null;
        for (int i = 0; i < ids.Length; i++)
        {
            var id = new TermId(ids[i].High, ids[i].Low);
            if (id.IsInline) terms[i] = InlineLiteralCodec.Decode(id);
            else if (_cache.TryGet(id, out var term)) terms[i] = term;
            else
            {
                terms[i] = null!;
                missing ??= [];
                missing.TryAdd(id, missing.Count);
            }
        }
        if (missing is null) return;
        var read = new Term?[missing.Count];
        if (missing.Count < BatchedDecodeMinimum)
        {
            foreach (var (id, index) in missing) read[index] = Decode(id);
        }
        else
        {
            const int keyLength = 1 + TermId.Size;
            var keys = new byte[missing.Count * keyLength];
            foreach (var (id, index) in missing)
            {
                keys[index * keyLength] = (byte)KeySection.Dictionary;
                id.Write(keys.AsSpan(index * keyLength + 1, TermId.Size));
            }
            Interlocked.Increment(ref _database.DictionaryBatches);
            _scanner.GetMany(keys, keyLength, missing.Count, (index, value) => read[index] = TermSerializer.Deserialize(value));
            foreach (var (id, index) in missing)
            {
                var term = read[index] ?? throw new TripleStoreException(ErrorCodes.Corruption, ErrorKind.Corruption,
                    $"The store at {_database.Path} uses term id {id}, which its dictionary lacks; the store may be damaged.");
                _cache.Add(id, term);
            }
        }
        for (int i = 0; i < ids.Length; i++)
            if (terms[i] is null) terms[i] = read[missing[new TermId(ids[i].High, ids[i].Low)]]!;
    }

    [ThreadStatic] private static TermEncoder? t_encoder;

    /// <summary>
    /// The store's id of a term, computed without a read (inline value or hash), so it is always true: a term
    /// the store lacks gets an id no key holds. Equal terms have equal ids (literals keep their exact form,
    /// language tags are lower case), so comparing ids is RDF term equality.
    /// </summary>
    public bool TryEncode(Term term, out NodeId id)
    {
        var termId = (t_encoder ??= new TermEncoder()).Encode(term);
        id = new NodeId(termId.High, termId.Low);
        return true;
    }

    /// <summary>The term of an id from <see cref="TryEncode"/> or a cursor, through the decoded-term cache.</summary>
    public Term Decode(NodeId id) => Decode(new TermId(id.High, id.Low));

    /// <summary>Inline integers are keyed in value order: see <see cref="NumericIdRanges"/>.</summary>
    public NodeRange[]? NumericObjectRanges(double? lowest, double? highest) => NumericIdRanges.For(lowest, highest);

    /// <summary>Integer codes 1 and 2 (xsd:integer, xsd:long): see <see cref="InlineLiteralCodec"/>.</summary>
    public bool TryInlineInteger(NodeId id, out long value) => InlineLiteralCodec.TryInteger(new TermId(id.High, id.Low), out value);

    /// <summary>Small strings and small language strings keep their UTF-8 bytes in the id: see <see cref="InlineLiteralCodec"/>.</summary>
    public bool? TryInlineStringContains(NodeId id, ReadOnlySpan<byte> asciiNeedle) =>
        InlineLiteralCodec.TryStringContains(new TermId(id.High, id.Low), asciiNeedle);

    /// <summary>The whole-scan structures kept for this state of the data, shared with other snapshots of it.</summary>
    public ISharedScanCache? SharedScans => _disposed ? null : Estimates?.ScansFor(_derivedFamily);

    // Reads started by ReadInBackground: stopped and waited for before the RocksDB snapshot is released.
    private readonly List<Task> _background = [];
    private CancellationTokenSource? _closing;

    /// <summary>
    /// Each cursor has its own RocksDB iterators, and the shared state (term cache, estimates) is
    /// thread-safe, so <paramref name="read"/> runs on a thread-pool thread; <see cref="Dispose"/> cancels
    /// its token and waits for it, so no cursor outlives the snapshot.
    /// </summary>
    public Task? ReadInBackground(Action<CancellationToken> read)
    {
        lock (_background)
        {
            if (_disposed) return null;
            var token = (_closing ??= new CancellationTokenSource()).Token;
            _background.RemoveAll(t => t.IsCompleted);
            var task = Task.Run(() => read(token));
            _background.Add(task);
            return task;
        }
    }

    /// <summary>A cursor that re-seeks one iterator per column family; dispose it before the snapshot.</summary>
    public IQuadCursor OpenCursor()
    {
        ThrowIfDisposed();
        return new SnapshotCursor(_scanner, _derived, _derived is null ? null : DerivedSummary);
    }

    /// <summary>
    /// Whether any derived triple has <paramref name="predicate"/> (one seek in the predicate-first index,
    /// remembered for this state of the data): lookups of a predicate materialization never produced, such
    /// as a name or an e-mail address, then leave the derived family alone. The summary also learns, once
    /// the predicate is looked up often, which subjects and objects its derived triples have
    /// (<see cref="DerivedPredicateSummary"/>).
    /// </summary>
    internal DerivedPredicateSummary DerivedSummary(TermId predicate)
    {
        var memo = Estimates;
        if (memo is not null && memo.TryGetDerivedPredicate(predicate, out var known)) return known;
        var pattern = new QuadIds(default, predicate, default, TermId.DefaultGraph);
        bool present = _derived!.CountPrefix(QuadScanner.Prefix(QuadIndex.DefaultPos, pattern, 1), 1) > 0;
        var summary = new DerivedPredicateSummary(predicate, present);
        return memo is null ? summary : memo.AddDerivedPredicate(summary);
    }

    /// <summary>The id a term has (or would have) in the store; needs no lookup.</summary>
    public TermId Encode(Term term) => new TermEncoder().Encode(term);

    private static bool TryEncodePattern(Term? subject, Term? predicate, Term? @object, GraphSelector graph, out QuadIds pattern)
    {
        pattern = default;
        if (predicate is not null and not Iri) return false;
        if (subject is Literal) return false;
        if (graph.Kind == GraphSelectorKind.NamedGraph && graph.Name is null or Literal) return false;
        var encoder = new TermEncoder();
        if (subject is not null) pattern[QuadIndex.Subject] = encoder.Encode(subject);
        if (predicate is not null) pattern[QuadIndex.Predicate] = encoder.Encode(predicate);
        if (@object is not null) pattern[QuadIndex.Object] = encoder.Encode(@object);
        if (graph.Kind == GraphSelectorKind.NamedGraph) pattern[QuadIndex.Graph] = encoder.Encode(graph.Name!);
        return true;
    }

    /// <summary>The index scans that answer a pattern: one per graph family the selector covers.</summary>
    private static IEnumerable<(QuadIndex Index, byte[] Prefix)> Plan(QuadIds pattern, bool s, bool p, bool o, GraphSelectorKind graph)
    {
        if (graph is GraphSelectorKind.DefaultGraph or GraphSelectorKind.AllGraphs)
        {
            var (index, bound) = QuadIndex.Choose(QuadIndex.DefaultGraph, s, p, o, g: false);
            yield return (index, QuadScanner.Prefix(index, pattern, bound));
        }
        if (graph is GraphSelectorKind.NamedGraph or GraphSelectorKind.AllNamedGraphs or GraphSelectorKind.AllGraphs)
        {
            var (index, bound) = QuadIndex.Choose(QuadIndex.NamedGraphs, s, p, o, graph == GraphSelectorKind.NamedGraph);
            yield return (index, QuadScanner.Prefix(index, pattern, bound));
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new TripleStoreException(ErrorCodes.StoreClosed, ErrorKind.InvalidOperation, "This store snapshot has been disposed (or its store closed).");
    }

    public void Dispose()
    {
        Task[] running;
        lock (_background)
        {
            if (_disposed) return;
            _disposed = true;
            running = [.. _background];
        }
        if (running.Length > 0)
        {
            _closing!.Cancel();
            try
            {
                Task.WaitAll(running);
            }
            catch (AggregateException)
            {
                // Their errors belong to the queries that started them.
            }
        }
        _closing?.Dispose();
        _snapshot.Dispose();
        if (_derivedFamily is not null) _database.ReleaseDerived(_derivedFamily);
        _onDispose?.Invoke(this);
    }
}
