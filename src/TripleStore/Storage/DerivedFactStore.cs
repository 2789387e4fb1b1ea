using RocksDbSharp;
using TripleStore.Rdf;

namespace TripleStore.Storage;

/// <summary>
/// Where a materialization's derived triples live: a column family of their own, <c>derived</c>, with
/// the default graph's key layout (sections DefaultSpo/Pos/Osp, three ids, empty value). Kept apart from
/// the asserted data so that dropping the materialization removes exactly the derived triples, asserted
/// counters stay true to what was asserted, and a snapshot can leave them out. Terms the rules introduce
/// (owl:Thing, ...) get their dictionary entries in the data family like any other term.
/// A full materialization writes a new generation of the family (<c>derived-</c> and a unique suffix): its
/// files are ingested into an empty family, so they land in the bottom level and need no compaction, and the
/// meta key <see cref="CurrentKey"/> names the current generation. The switch is written in the batch that
/// commits the run's status, so a crash leaves the previous materialization or the new one; the old
/// generation is then dropped whole (no deletes, no compaction) on a background thread, and a generation a
/// crash left behind (before its commit, or before the drop of the one it replaced) is dropped at the next open.
/// </summary>
internal static class DerivedFactStore
{
    /// <summary>The name of the first generation (and the prefix of the others).</summary>
    public const string Family = "derived";
    private const int BatchSize = 200_000;

    /// <summary>Meta key naming the current generation; absent means <see cref="Family"/>.</summary>
    private static readonly byte[] CurrentKey = System.Text.Encoding.UTF8.GetBytes("derived-family");

    /// <summary>True for the name of any generation of the derived family.</summary>
    public static bool IsFamilyName(string name) => name == Family || name.StartsWith(Family + "-", StringComparison.Ordinal);

    public static ColumnFamilyHandle? TryGet(StoreDatabase database) =>
        database.TryGetFamily(database.DerivedFamilyName);

    public static ColumnFamilyHandle GetOrCreate(StoreDatabase database) =>
        TryGet(database) ?? database.CreateFamily(database.DerivedOptions, database.DerivedFamilyName);

    /// <summary>
    /// After an open: reads which generation is current and (unless read-only) drops every other one, which
    /// only a full run interrupted before its commit can have left.
    /// </summary>
    internal static void Open(StoreDatabase database, IEnumerable<string> families)
    {
        var bytes = database.Db.Get(CurrentKey, database.Meta);
        database.DerivedFamilyName = bytes is null ? Family : System.Text.Encoding.UTF8.GetString(bytes);
        if (database.ReadOnly) return;
        foreach (var name in families)
            if (IsFamilyName(name) && name != database.DerivedFamilyName)
                database.RetireDerived(name);
    }

    /// <summary>Creates an empty generation for a full run to fill; it stays invisible until <see cref="PutCurrent"/> is committed.</summary>
    public static (string Name, ColumnFamilyHandle Handle) CreateGeneration(StoreDatabase database)
    {
        string name = Family + "-" + Guid.NewGuid().ToString("n")[..16];
        return (name, database.CreateFamily(database.DerivedOptions, name));
    }

    /// <summary>Adds to a batch the switch to generation <paramref name="name"/> (the batch that commits the run).</summary>
    public static void PutCurrent(WriteBatch batch, StoreDatabase database, string name) =>
        batch.Put(CurrentKey, System.Text.Encoding.UTF8.GetBytes(name), database.Meta);

    /// <summary>
    /// After the commit of <see cref="PutCurrent"/>: makes <paramref name="name"/> the generation every new
    /// reader uses and drops the previous one (snapshots still reading it keep it until they end). The drop
    /// runs in the background (<see cref="StoreDatabase.RetireDerivedLater"/>): the committed marker already
    /// tells every open which generation is live, so the caller need not wait for it.
    /// </summary>
    public static void Switched(StoreDatabase database, string name)
    {
        string old = database.DerivedFamilyName;
        database.DerivedFamilyName = name;
        if (old != name) database.RetireDerivedLater(old);
    }

    /// <summary>Drops a generation that was never committed (a failed or canceled full run).</summary>
    public static void Discard(StoreDatabase database, string name)
    {
        if (name != database.DerivedFamilyName) database.RetireDerived(name);
    }

    /// <summary>Deletes and puts derived triples (given as term ids), in batches; deletes first.</summary>
    public static void Write(StoreDatabase database, IEnumerable<(TermId S, TermId P, TermId O)> deletes,
        IEnumerable<(TermId S, TermId P, TermId O)> puts, WriteOptions options, CancellationToken cancellation, bool premises = false,
        ColumnFamilyHandle? into = null)
    {
        QuadIndex[] indexes = premises ? [QuadIndex.DerivedPremises] : QuadIndex.DefaultGraph;
        var family = into ?? GetOrCreate(database);
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
