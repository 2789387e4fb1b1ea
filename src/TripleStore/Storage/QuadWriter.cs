using RocksDbSharp;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Applies removals and additions as one atomic RocksDB write batch: every index key, dictionary entry
/// and counter of the change lands together or not at all. Callers hold the store's writer lock, which
/// makes the existence checks and counter read-modify-writes safe.
/// </summary>
internal sealed class QuadWriter
{
    private readonly StoreDatabase _database;
    private readonly TermEncoder _encoder = new();

    public QuadWriter(StoreDatabase database) => _database = database;

    /// <summary>
    /// Applies the change. <paramref name="observer"/>, when given, sees the default-graph triples whose
    /// presence changed (with their state before this write) and may add its own keys to the same batch,
    /// so that its bookkeeping commits atomically with the data.
    /// </summary>
    public ChangeSummary Apply(IEnumerable<Quad> removals, IEnumerable<Quad> additions, WriteOptions writeOptions, CancellationToken cancellation = default, IWriteObserver? observer = null)
    {
        var db = _database.Db;
        var data = _database.Data;
        using var batch = new WriteBatch();
        var counters = new CounterChanges();
        // What this batch has already decided, so a quad listed twice is counted once.
        var present = new Dictionary<QuadIds, bool>();
        var key = new byte[QuadIndex.NamedGspo.KeyLength];
        long added = 0, removed = 0;
        var before = observer is null ? null : new Dictionary<QuadIds, bool>();

        foreach (var quad in removals)
        {
            cancellation.ThrowIfCancellationRequested();
            if (quad.Subject is Literal || quad.Graph is Literal) continue;
            var ids = Encode(quad, dictionary: null);
            if (!Exists(ids, present, key)) continue;
            foreach (var index in IndexesOf(ids))
            {
                index.WriteKey(ids, key);
                batch.Delete(key.AsSpan(0, index.KeyLength), data);
            }
            present[ids] = false;
            if (observer is not null && ids[QuadIndex.Graph] == TermId.DefaultGraph) before?.TryAdd(ids, true);
            counters.Record(ids, -1);
            removed++;
        }

        var dictionary = new List<(TermId Id, byte[] Value)>(3);
        foreach (var quad in additions)
        {
            cancellation.ThrowIfCancellationRequested();
            Validate(quad);
            dictionary.Clear();
            var ids = Encode(quad, dictionary);
            if (Exists(ids, present, key)) continue;
            foreach (var (id, value) in dictionary) batch.Put(DictionaryKey(id), value, data);
            foreach (var index in IndexesOf(ids))
            {
                index.WriteKey(ids, key);
                batch.Put(key.AsSpan(0, index.KeyLength), ReadOnlySpan<byte>.Empty, data);
            }
            present[ids] = true;
            if (observer is not null && ids[QuadIndex.Graph] == TermId.DefaultGraph) before?.TryAdd(ids, false);
            counters.Record(ids, +1);
            added++;
        }

        if (added == 0 && removed == 0) return default;
        foreach (var (counterKey, value) in counters.Resolve(db, data))
        {
            if (value == 0) batch.Delete(counterKey, data);
            else batch.Put(counterKey, CounterKey.EncodeValue(value), data);
        }
        var committed = observer?.Prepare(batch, before!);
        db.Write(batch, writeOptions);
        committed?.Invoke();
        return new ChangeSummary(added, removed);
    }

    public static void Validate(in Quad quad)
    {
        ArgumentNullException.ThrowIfNull(quad.Subject);
        ArgumentNullException.ThrowIfNull(quad.Predicate);
        ArgumentNullException.ThrowIfNull(quad.Object);
        if (quad.Subject is Literal)
            throw new ArgumentException($"A literal cannot be a subject: {quad}", nameof(quad));
        if (quad.Graph is Literal)
            throw new ArgumentException($"A literal cannot name a graph: {quad}", nameof(quad));
    }

    private QuadIds Encode(in Quad quad, List<(TermId, byte[])>? dictionary)
    {
        var ids = new QuadIds(
            EncodeTerm(quad.Subject, dictionary),
            EncodeTerm(quad.Predicate, dictionary),
            EncodeTerm(quad.Object, dictionary),
            quad.Graph is null ? TermId.DefaultGraph : EncodeTerm(quad.Graph, dictionary));
        return ids;
    }

    private TermId EncodeTerm(Term term, List<(TermId, byte[])>? dictionary)
    {
        var id = _encoder.Encode(term);
        if (!id.IsInline) dictionary?.Add((id, _encoder.Serialized.ToArray()));
        return id;
    }

    private bool Exists(in QuadIds ids, Dictionary<QuadIds, bool> present, byte[] key)
    {
        if (present.TryGetValue(ids, out bool known)) return known;
        var index = IndexesOf(ids)[0];
        index.WriteKey(ids, key);
        return _database.Db.HasKey(key.AsSpan(0, index.KeyLength), _database.Data);
    }

    private static QuadIndex[] IndexesOf(in QuadIds ids) =>
        ids[QuadIndex.Graph] == TermId.DefaultGraph ? QuadIndex.DefaultGraph : QuadIndex.NamedGraphs;

    public static byte[] DictionaryKey(TermId id)
    {
        var key = new byte[1 + TermId.Size];
        key[0] = (byte)KeySection.Dictionary;
        id.Write(key.AsSpan(1));
        return key;
    }
}

/// <summary>Bookkeeping that must commit in the same batch as a data change (the reasoning change log).</summary>
internal interface IWriteObserver
{
    /// <summary>
    /// Adds keys to <paramref name="batch"/> for the changed default-graph triples (value: present before the
    /// write). Returns what to do in memory once the batch is written, or null.
    /// </summary>
    Action? Prepare(WriteBatch batch, IReadOnlyDictionary<QuadIds, bool> before);
}
