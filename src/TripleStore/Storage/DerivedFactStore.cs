using RocksDbSharp;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Where a materialization's derived triples live: a column family of their own, <c>derived</c>, with
/// the default graph's key layout (sections DefaultSpo/Pos/Osp, three ids, empty value). Kept apart from
/// the asserted data so that dropping the materialization removes exactly the derived triples, asserted
/// counters stay true to what was asserted, and a snapshot can leave them out. Terms the rules introduce
/// (owl:Thing, ...) get their dictionary entries in the data family like any other term.
/// </summary>
internal static class DerivedFactStore
{
    public const string Family = "derived";
    private const int BatchSize = 200_000;

    public static ColumnFamilyHandle? TryGet(StoreDatabase database) =>
        database.Db.TryGetColumnFamily(Family, out var handle) ? handle : null;

    public static ColumnFamilyHandle GetOrCreate(StoreDatabase database) =>
        TryGet(database) ?? database.Db.CreateColumnFamily(database.DerivedOptions, Family);

    /// <summary>Deletes and puts derived triples (given as term ids), in batches; deletes first.</summary>
    public static void Write(StoreDatabase database, IEnumerable<(TermId S, TermId P, TermId O)> deletes,
        IEnumerable<(TermId S, TermId P, TermId O)> puts, WriteOptions options, CancellationToken cancellation, bool premises = false)
    {
        QuadIndex[] indexes = premises ? [QuadIndex.DerivedPremises] : QuadIndex.DefaultGraph;
        var family = GetOrCreate(database);
        var key = new byte[QuadIndex.DefaultSpo.KeyLength];
        var batch = new WriteBatch();
        int pending = 0;
        try
        {
            void Flush()
            {
                if (pending == 0) return;
                cancellation.ThrowIfCancellationRequested();
                database.Db.Write(batch, options);
                batch.Dispose();
                batch = new WriteBatch();
                pending = 0;
            }
            foreach (var (s, p, o) in deletes)
            {
                var ids = new QuadIds(s, p, o, TermId.DefaultGraph);
                foreach (var index in indexes)
                {
                    index.WriteKey(ids, key);
                    batch.Delete(key.AsSpan(0, index.KeyLength).ToArray(), family);
                }
                if (++pending >= BatchSize) Flush();
            }
            foreach (var (s, p, o) in puts)
            {
                var ids = new QuadIds(s, p, o, TermId.DefaultGraph);
                foreach (var index in indexes)
                {
                    index.WriteKey(ids, key);
                    batch.Put(key.AsSpan(0, index.KeyLength), ReadOnlySpan<byte>.Empty, family);
                }
                if (++pending >= BatchSize) Flush();
            }
            Flush();
        }
        finally
        {
            batch.Dispose();
        }
    }

    /// <summary>Dictionary entries for terms that rules name but the data may not (idempotent puts).</summary>
    public static void WriteDictionary(StoreDatabase database, IEnumerable<Term> terms, WriteOptions options)
    {
        var encoder = new TermEncoder();
        using var batch = new WriteBatch();
        foreach (var term in terms)
        {
            var id = encoder.Encode(term);
            if (!id.IsInline) batch.Put(QuadWriter.DictionaryKey(id), encoder.Serialized.ToArray(), database.Data);
        }
        database.Db.Write(batch, options);
    }

    /// <summary>Removes every derived triple.</summary>
    public static void Clear(StoreDatabase database, WriteOptions options)
    {
        using var batch = new WriteBatch();
        Clear(batch, database);
        database.Db.Write(batch, options);
    }

    /// <summary>Adds the removal of every derived triple (and premise) to a batch.</summary>
    public static void Clear(WriteBatch batch, StoreDatabase database)
    {
        var family = TryGet(database);
        if (family is null) return;
        var start = new[] { (byte)KeySection.DefaultSpo };
        var end = new[] { (byte)(KeySection.DerivedPremise + 1) };
        batch.DeleteRange(start, (ulong)start.Length, end, (ulong)end.Length, family);
    }

    /// <summary>Every derived triple, ids in s, p, o order, at a snapshot.</summary>
    public static IEnumerable<QuadIds> Scan(StoreDatabase database, Snapshot? snapshot, QuadIndex index, byte[] prefix)
    {
        var family = TryGet(database);
        if (family is null) return [];
        return new QuadScanner(database.Db, family, snapshot).Scan(index, prefix);
    }
}
