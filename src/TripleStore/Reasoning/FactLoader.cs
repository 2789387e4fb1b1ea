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

    /// <summary>Subject ranges per worker: ranges are taken in turn, so an uneven cut still keeps both busy.</summary>
    internal const int RangesPerWorker = 4;

    /// <summary>
    /// Every asserted default-graph triple as a fact, in SPO key order, read by up to <paramref name="workers"/>
    /// threads at once. The SPO section is cut into subject ranges that the workers take in turn; each range
    /// numbers its terms in a table of its own (the first range in the reasoner's, which holds the rule
    /// constants already), and the tables are then merged in range order into the reasoner's: every term gets
    /// the number one sequential scan would give it, and the facts come out as that scan would produce them.
    /// </summary>
    /// <param name="workers">Threads to scan with (1: this thread only).</param>
    /// <param name="expected">About how many triples there are (0 if unknown): the ranges' lists and tables are sized for their share.</param>
    /// <param name="cancellation">Checked every 65,536 keys by every worker.</param>
    public Fact[] AssertedInParallel(int workers, long expected, CancellationToken cancellation) =>
        AssertedInRanges(SubjectRanges(QuadIndex.DefaultSpo, workers <= 1 ? 1 : workers * RangesPerWorker), workers, expected, cancellation);

    /// <summary>As <see cref="AssertedInParallel"/>, over the given key bounds (tests cut them on purpose).</summary>
    internal Fact[] AssertedInRanges(IReadOnlyList<byte[]> bounds, int workers, long expected, CancellationToken cancellation)
    {
        int ranges = bounds.Count - 1;
        // A range's share, with some slack: the cut is even over the id space, not over the keys.
        int share = (int)Math.Min(1 << 26, expected / ranges + expected / (4L * ranges));
        var facts = new List<Fact>[ranges];
        var tables = new TermTable[ranges];
        int next = -1;
        RunWorkers(Math.Max(1, Math.Min(workers, ranges)), () =>
        {
            for (int r; (r = Interlocked.Increment(ref next)) < ranges;)
            {
                // Only the thread that takes range 0 touches the reasoner's table until the merge.
                var table = r == 0 ? _terms : new TermTable();
                // About one term for every four triples (LUBM: 1.3M triples, 330K terms).
                table.EnsureCapacity(share / 4);
                tables[r] = table;
                try
                {
                    facts[r] = ScanRange(bounds[r], bounds[r + 1], table, share, cancellation);
                }
                catch
                {
                    Volatile.Write(ref next, ranges); // the other workers take no further range
                    throw;
                }
            }
        });
        cancellation.ThrowIfCancellationRequested();
        // First occurrences in range order: a range's new terms, in its own order, follow those of the ranges before.
        var maps = new int[ranges][];
        var offsets = new int[ranges + 1];
        for (int r = 0; r < ranges; r++)
        {
            offsets[r + 1] = checked(offsets[r] + facts[r].Count);
            if (r == 0) continue;
            var table = tables[r];
            var map = maps[r] = new int[table.Count];
            for (int n = 0; n < map.Length; n++) map[n] = _terms.Intern(table.IdOf(n));
        }
        var all = new Fact[offsets[ranges]];
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, r =>
        {
            var source = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(facts[r]);
            var target = all.AsSpan(offsets[r], source.Length);
            var map = maps[r];
            if (map is null) source.CopyTo(target);
            else
                for (int i = 0; i < source.Length; i++)
                {
                    ref readonly Fact f = ref source[i];
                    target[i] = new Fact(map[f.S], map[f.P], map[f.O]);
                }
        });
        return all;
    }

    /// <summary>
    /// Key bounds cutting the section of <paramref name="index"/> into about <paramref name="count"/> ranges by
    /// the first id of its keys: the cut points split the span between the first and the last key's leading
    /// eight bytes evenly (subjects are hashes, so their keys spread evenly over it). The first bound is the
    /// section's start, the last its end, and every range is a whole number of leading terms.
    /// </summary>
    internal List<byte[]> SubjectRanges(QuadIndex index, int count)
    {
        var start = new[] { (byte)index.Section };
        var end = KeyRange.Successor(start);
        var bounds = new List<byte[]> { start };
        if (count > 1)
        {
            ulong first = 0, last = 0;
            var options = new QuadScanner(_database.Db, _database.Data, null).NewReadOptions(start, end);
            using (var iterator = _database.Db.NewIterator(_database.Data, options))
            {
                // An empty section is one (empty) range.
                iterator.Seek(start);
                if (iterator.Valid())
                {
                    first = Leading(iterator);
                    iterator.SeekForPrev(end);
                    last = iterator.Valid() ? Leading(iterator) : first;
                }
            }
            GC.KeepAlive(options);
            for (int i = 1; i < count && last > first; i++)
            {
                ulong cut = first + (ulong)((UInt128)(last - first) * (ulong)i / (ulong)count);
                var bound = new byte[1 + sizeof(ulong)];
                bound[0] = (byte)index.Section;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bound.AsSpan(1), cut);
                if (System.MemoryExtensions.SequenceCompareTo(bound, bounds[^1]) > 0) bounds.Add(bound);
            }
        }
        bounds.Add(end);
        return bounds;

        static ulong Leading(Iterator iterator)
        {
            var key = iterator.GetKeySpan();
            Span<byte> eight = stackalloc byte[sizeof(ulong)];
            key.Slice(1, Math.Min(sizeof(ulong), key.Length - 1)).CopyTo(eight);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(eight);
        }
    }

    // Hot for millions of calls from the first one: skip the unoptimized tier.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<Fact> ScanRange(byte[] lower, byte[] upper, TermTable terms, int capacity, CancellationToken cancellation)
    {
        var index = QuadIndex.DefaultSpo;
        var facts = new List<Fact>(capacity);
        var options = new QuadScanner(_database.Db, _database.Data, null).NewReadOptions(lower, upper);
        options.SetFillCache(false);
        options.SetReadaheadSize(4 << 20);
        int length = index.KeyLength;
        TermId lastS = default, lastP = default;
        int sn = -1, pn = -1, seen = 0;
        using (var iterator = _database.Db.NewIterator(_database.Data, options))
        {
            iterator.Seek(lower);
            for (var raw = new RawIterator(iterator); raw.Valid(); raw.Next())
            {
                if ((++seen & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                var key = raw.Key();
                if (key.Length != length) continue;
                var s = TermId.Read(key.Slice(1, TermId.Size));
                var p = TermId.Read(key.Slice(1 + TermId.Size, TermId.Size));
                if (sn < 0 || s != lastS)
                {
                    sn = terms.Intern(s);
                    lastS = s;
                }
                if (pn < 0 || p != lastP)
                {
                    pn = terms.InternRecent(p);
                    lastP = p;
                }
                facts.Add(new Fact(sn, pn, terms.InternRecent(TermId.Read(key.Slice(1 + 2 * TermId.Size, TermId.Size)))));
            }
        }
        GC.KeepAlive(options);
        return facts;
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="workers"/> threads (this one among them) and rethrows the first failure.</summary>
    private static void RunWorkers(int workers, Action work)
    {
        var failures = new Exception?[workers];
        var threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int at = w;
            threads[w - 1] = new Thread(() =>
            {
                try { work(); }
                catch (Exception e) { failures[at] = e; }
            }) { IsBackground = true, Name = "materialize-load" };
            threads[w - 1].Start();
        }
        try { work(); }
        catch (Exception e) { failures[0] = e; }
        foreach (var thread in threads) thread.Join();
        // A cancellation seen by one worker is the caller's; any other failure says more.
        var failure = failures.FirstOrDefault(e => e is not null and not OperationCanceledException) ?? failures.FirstOrDefault(e => e is not null);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
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
            iterator.Seek(prefix);
            for (var raw = new RawIterator(iterator); raw.Valid(); raw.Next())
            {
                var key = raw.Key();
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
                    pn = _terms.InternRecent(p);
                    lastP = p;
                }
                sink.Add(new Fact(sn, pn, _terms.InternRecent(o) | mark));
            }
        }
        GC.KeepAlive(options);
    }
}
