using System.Collections.Concurrent;
using RocksDbSharp;
using TripleStore.Storage;

namespace TripleStore.Reasoning;

/// <summary>
/// Reads whole sections of the store (the asserted default graph, the stored derived triples) into facts
/// for a materialization: a second thread walks the RocksDB iterator, decodes the keys and numbers the
/// terms, and hands the facts over in chunks while the caller's thread inserts them, so the two overlap.
/// The walk reads raw keys (no values, no per-key arrays), skips the block cache (a one-pass scan would
/// only evict what queries use), and looks up a subject or predicate number only when it differs from
/// the previous key's: in SPO order a subject's triples are adjacent, so most keys cost one lookup.
/// </summary>
internal sealed class FactLoader
{
    private const int ChunkSize = 16_384;
    private readonly StoreDatabase _database;
    private readonly TermTable _terms;

    public FactLoader(StoreDatabase database, TermTable terms)
    {
        _database = database;
        _terms = terms;
    }

    /// <summary>Receives the ids of one stored triple (s, p, o order) and may emit facts for it.</summary>
    public delegate void TripleHandler(in TermId s, in TermId p, in TermId o, FactSink sink);

    /// <summary>Collects the facts of one scan in chunks for the consuming thread.</summary>
    public sealed class FactSink
    {
        private readonly BlockingCollection<Fact[]> _chunks;
        private readonly CancellationToken _stop;
        private Fact[] _chunk = new Fact[ChunkSize];
        private int _count;

        internal FactSink(BlockingCollection<Fact[]> chunks, CancellationToken stop)
        {
            _chunks = chunks;
            _stop = stop;
        }

        /// <summary>When set, every fact added also goes into this set (built on the loading thread).</summary>
        public FactSet? Collect { get; set; }

        public void Add(in Fact fact)
        {
            Collect?.Add(fact);
            _chunk[_count++] = fact;
            if (_count < ChunkSize) return;
            _chunks.Add(_chunk, _stop);
            _chunk = new Fact[ChunkSize];
            _count = 0;
        }

        internal void Flush()
        {
            if (_count > 0) _chunks.Add(_chunk[.._count], _stop);
            _count = 0;
        }
    }

    /// <summary>
    /// Runs <paramref name="produce"/> on a second thread and enumerates the facts it adds to its sink.
    /// The caller must not touch the term table until the enumeration ends.
    /// </summary>
    public static IEnumerable<Fact> Pipelined(Action<FactSink> produce, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var chunks = new BlockingCollection<Fact[]>(boundedCapacity: 8);
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                var sink = new FactSink(chunks, stop.Token);
                produce(sink);
                sink.Flush();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { failure = e; }
            finally { chunks.CompleteAdding(); }
        }) { IsBackground = true, Name = "materialize-load" };
        producer.Start();
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable(cancellation))
                foreach (var fact in chunk)
                    yield return fact;
            producer.Join();
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }

    /// <summary>Every asserted default-graph triple as a fact.</summary>
    public void Asserted(FactSink sink) =>
        Walk(_database.Data, QuadIndex.DefaultSpo, sink, null, mark: 0);

    /// <summary>The asserted default-graph triples for which <paramref name="keep"/> holds.</summary>
    public void Asserted(FactSink sink, Func<TermId, TermId, TermId, bool> keep) =>
        Walk(_database.Data, QuadIndex.DefaultSpo, sink, (in TermId s, in TermId p, in TermId o, FactSink _) => keep(s, p, o), mark: 0);

    /// <summary>
    /// The triples of one index of the derived family, each object number or'ed with <paramref name="mark"/>
    /// (the sign bit marks premises; numbers are never negative).
    /// </summary>
    public void Derived(FactSink sink, QuadIndex index, int mark)
    {
        var family = DerivedFactStore.TryGet(_database);
        if (family is null) return;
        Walk(family, index, sink, null, mark);
    }

    /// <summary>Numbers a triple's terms and adds it to the sink (for triples that do not come from a scan).</summary>
    public void Add(FactSink sink, in TermId s, in TermId p, in TermId o) =>
        sink.Add(new Fact(_terms.Intern(s), _terms.Intern(p), _terms.Intern(o)));

    private delegate bool Filter(in TermId s, in TermId p, in TermId o, FactSink sink);

    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Walk(ColumnFamilyHandle family, QuadIndex index, FactSink sink, Filter? keep, int mark)
    {
        var prefix = new[] { (byte)index.Section };
        var options = new QuadScanner(_database.Db, family, null).NewReadOptions(prefix, KeyRange.Successor(prefix));
        options.SetFillCache(false);
        options.SetReadaheadSize(4 << 20);
        int length = index.KeyLength;
        var order = index.Order;
        int sAt = 1 + TermId.Size * Array.IndexOf(order, QuadIndex.Subject);
        int pAt = 1 + TermId.Size * Array.IndexOf(order, QuadIndex.Predicate);
        int oAt = 1 + TermId.Size * Array.IndexOf(order, QuadIndex.Object);
        TermId lastS = default, lastP = default;
        int sn = -1, pn = -1;
        using (var iterator = _database.Db.NewIterator(family, options))
        {
            for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
            {
                var key = iterator.GetKeySpan();
                if (key.Length != length) continue;
                var s = TermId.Read(key.Slice(sAt, TermId.Size));
                var p = TermId.Read(key.Slice(pAt, TermId.Size));
                var o = TermId.Read(key.Slice(oAt, TermId.Size));
                if (keep is not null && !keep(s, p, o, sink)) continue;
                if (sn < 0 || s != lastS)
                {
                    sn = _terms.Intern(s);
                    lastS = s;
                }
                if (pn < 0 || p != lastP)
                {
                    pn = _terms.Intern(p);
                    lastP = p;
                }
                sink.Add(new Fact(sn, pn, _terms.Intern(o) | mark));
            }
        }
        GC.KeepAlive(options);
    }
}
