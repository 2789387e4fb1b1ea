using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>Receives one key (it is only valid during the call).</summary>
internal delegate void KeySink(ReadOnlySpan<byte> key);

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
    public static void Ingest(StoreDatabase database, Func<QuadIndex, IEnumerable<QuadIds>> sorted, CancellationToken cancellation) =>
        Ingest(database, (index, put) =>
        {
            Span<byte> key = stackalloc byte[QuadIndex.DefaultSpo.KeyLength];
            foreach (var ids in sorted(index))
            {
                index.WriteKey(ids, key);
                put(key[..index.KeyLength]);
            }
        }, cancellation);

    /// <summary>
    /// As <see cref="Ingest(StoreDatabase, Func{QuadIndex, IEnumerable{QuadIds}}, CancellationToken)"/>, with
    /// <paramref name="writeKeys"/> giving, for an index, the ready keys (section byte first) in ascending order
    /// without duplicates: a caller that can build key bytes directly skips decoding and re-encoding ids.
    /// </summary>
    public static void Ingest(StoreDatabase database, Action<QuadIndex, KeySink> writeKeys, CancellationToken cancellation) =>
        Ingest(database, QuadIndex.DefaultGraph.Select(index => (index, (Action<KeySink>)(put => writeKeys(index, put)))).ToList(), cancellation);

    /// <summary>
    /// As <see cref="Ingest(StoreDatabase, Action{QuadIndex, KeySink}, CancellationToken)"/>, from parts that
    /// each give one file's keys of one index (section byte first), ascending without duplicates; the parts of
    /// an index cover disjoint key ranges. The parts are written in parallel and ingested in one step.
    /// </summary>
    public static void Ingest(StoreDatabase database, IReadOnlyList<(QuadIndex Index, Action<KeySink> Write)> parts, CancellationToken cancellation) =>
        Ingest(database, DerivedFactStore.GetOrCreate(database), parts, cancellation);

    /// <summary>As above, into <paramref name="family"/> (a new, empty generation: the files then land in its bottom level).</summary>
    public static void Ingest(StoreDatabase database, ColumnFamilyHandle family, IReadOnlyList<(QuadIndex Index, Action<KeySink> Write)> parts, CancellationToken cancellation)
    {
        string work = Path.Combine(database.ImportTempPath, "derived-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(work);
        try
        {
            var files = new string?[parts.Count];
            Parallel.For(0, parts.Count, new ParallelOptions { CancellationToken = cancellation }, i =>
                files[i] = WriteSection(database, Path.Combine(work, $"{parts[i].Index.Section}-{i}.sst"), parts[i].Index, parts[i].Write, cancellation));
            var written = files.OfType<string>().ToArray();
            if (written.Length == 0) return;
            cancellation.ThrowIfCancellationRequested();
            // As for imports: a snapshot held during the ingest gives the files a sequence number above every
            // reader's, so a reader sees all of them or none.
            var warmer = database.OpenForWarming(written);
            try
            {
                using (database.Db.CreateSnapshot())
                    database.Db.IngestExternalFiles(written, new IngestExternalFileOptions().SetMoveFiles(true), family);
            }
            catch
            {
                warmer?.Close();
                throw;
            }
            database.StartWarming(warmer);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static string? WriteSection(StoreDatabase database, string path, QuadIndex index, Action<KeySink> writeKeys, CancellationToken cancellation)
    {
        // Only SPO answers point lookups (a fully bound triple); the other orders are scanned by prefix, as the
        // data family's secondary indexes are, and are written with the same scan-only options (no whole-key
        // filter, larger blocks). Uncompressed, as a bulk import's files are: the ingested files carry a
        // sequence number, so RocksDB rewrites each once anyway (a delayed "bottommost files" compaction, see
        // StoreDatabase.BottommostFileCompactionDelaySeconds) with the derived family's compression, and
        // compressing here cost a good part of the writing threads' time.
        using var writer = new SstSectionWriter(database, path, pointLookups: index == QuadIndex.DefaultSpo, import: true);
        writeKeys(key =>
        {
            if ((writer.Count & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
            writer.Put(key, ReadOnlySpan<byte>.Empty);
        });
        return writer.Finish();
    }
}
