using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>
/// Writes a whole set of derived triples at once: one SST file per default-graph index, keys already in
/// order, ingested into the <c>derived</c> family in one step. A full materialization writes millions of
/// keys; through write batches they would go through the memtable, flushes and compactions, which costs
/// several times the sorting this needs (see docs/performance.md).
/// </summary>
internal static class DerivedFactIngester
{
    /// <summary>
    /// Adds the triples to the derived family. <paramref name="sorted"/> gives, for an index, the triples (ids
    /// in s, p, o order) in that index's key order without duplicates; the indexes are written in parallel.
    /// </summary>
    public static void Ingest(StoreDatabase database, Func<QuadIndex, IEnumerable<QuadIds>> sorted, CancellationToken cancellation)
    {
        var family = DerivedFactStore.GetOrCreate(database);
        string work = Path.Combine(database.ImportTempPath, "derived-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(work);
        try
        {
            var indexes = QuadIndex.DefaultGraph;
            var files = new string?[indexes.Length];
            Parallel.For(0, indexes.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
                files[i] = WriteSection(database, Path.Combine(work, $"{indexes[i].Section}.sst"), indexes[i], sorted(indexes[i]), cancellation));
            var written = files.OfType<string>().ToArray();
            if (written.Length == 0) return;
            cancellation.ThrowIfCancellationRequested();
            // As for imports: a snapshot held during the ingest gives the files a sequence number above every
            // reader's, so a reader sees all of them or none.
            using (database.Db.CreateSnapshot())
                database.Db.IngestExternalFiles(written, new IngestExternalFileOptions().SetMoveFiles(true), family);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static string? WriteSection(StoreDatabase database, string path, QuadIndex index, IEnumerable<QuadIds> triples, CancellationToken cancellation)
    {
        using var writer = new SstSectionWriter(database, path);
        Span<byte> key = stackalloc byte[QuadIndex.DefaultSpo.KeyLength];
        foreach (var ids in triples)
        {
            if ((writer.Count & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
            index.WriteKey(ids, key);
            writer.Put(key[..index.KeyLength], ReadOnlySpan<byte>.Empty);
        }
        return writer.Finish();
    }
}
