using RocksDbSharp;

namespace TripleStore.Storage;

/// <summary>Range scans over the data column family, optionally at a snapshot.</summary>
internal sealed class QuadScanner
{
    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle _data;
    private readonly Snapshot? _snapshot;

    public QuadScanner(RocksDb db, ColumnFamilyHandle data, Snapshot? snapshot)
    {
        _db = db;
        _data = data;
        _snapshot = snapshot;
    }

    public ReadOptions NewReadOptions(byte[] lower, byte[] upper)
    {
        // auto_prefix_mode: the prefix Bloom filter is used only where it cannot change the result.
        SkipPerfCounters();
        var options = new ReadOptions().SetIterateLowerBound(lower).SetIterateUpperBound(upper);
        Native.Instance.rocksdb_readoptions_set_auto_prefix_mode(options.Handle, 1);
        if (_snapshot is not null) options.SetSnapshot(_snapshot);
        return options;
    }

    public ReadOptions NewReadOptions()
    {
        // Unbounded iterators must see the whole key order even when a prefix extractor is configured.
        SkipPerfCounters();
        var options = new ReadOptions().SetTotalOrderSeek(true);
        if (_snapshot is not null) options.SetSnapshot(_snapshot);
        return options;
    }

    /// <summary>
    /// An unbounded iterator over the whole family at this scanner's snapshot, for callers that re-seek one
    /// iterator many times and check their prefix themselves. Keep <paramref name="options"/> alive with it.
    /// </summary>
    public Iterator NewIterator(out ReadOptions options)
    {
        options = NewReadOptions();
        return _db.NewIterator(_data, options);
    }

    /// <summary>The key prefix of a pattern: section byte, then the first <paramref name="bound"/> ids in index order.</summary>
    public static byte[] Prefix(QuadIndex index, in QuadIds pattern, int bound)
    {
        var prefix = new byte[1 + bound * TermId.Size];
        prefix[0] = (byte)index.Section;
        for (int i = 0; i < bound; i++)
            pattern[index.Order[i]].Write(prefix.AsSpan(1 + i * TermId.Size, TermId.Size));
        return prefix;
    }

    /// <summary>Every quad in <paramref name="index"/> whose key starts with <paramref name="prefix"/>, ids in s, p, o, g order.</summary>
    public IEnumerable<QuadIds> Scan(QuadIndex index, byte[] prefix) => Scan(index, prefix, bulk: false);

    /// <summary>
    /// As <see cref="Scan(QuadIndex, byte[])"/>; a <paramref name="bulk"/> scan (one pass over a whole section)
    /// leaves the block cache alone instead of filling it with blocks no one reads again.
    /// </summary>
    public IEnumerable<QuadIds> Scan(QuadIndex index, byte[] prefix, bool bulk)
    {
        var upper = KeyRange.Successor(prefix);
        var options = NewReadOptions(prefix, upper);
        if (bulk) options.SetFillCache(false);
        using var iterator = _db.NewIterator(_data, options);
        for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            if (key.Length != index.KeyLength) continue;
            yield return index.ReadKey(key);
        }
        GC.KeepAlive(options);
    }

    /// <summary>Every key and value with <paramref name="prefix"/>, copied.</summary>
    public List<(byte[] Key, byte[] Value)> ScanRaw(byte[] prefix)
    {
        var options = NewReadOptions(prefix, KeyRange.Successor(prefix));
        var result = new List<(byte[], byte[])>();
        using (var iterator = _db.NewIterator(_data, options))
        {
            for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
                result.Add((iterator.Key(), iterator.Value()));
        }
        GC.KeepAlive(options);
        return result;
    }

    /// <summary>Counts the keys with <paramref name="prefix"/>, stopping at <paramref name="limit"/>.</summary>
    public long CountPrefix(byte[] prefix, long limit)
    {
        var options = NewReadOptions(prefix, KeyRange.Successor(prefix));
        using var iterator = _db.NewIterator(_data, options);
        long count = 0;
        for (iterator.Seek(prefix); iterator.Valid() && count < limit; iterator.Next()) count++;
        GC.KeepAlive(options);
        return count;
    }

    /// <summary>
    /// How many different ids start the keys of <paramref name="section"/>: a skip scan that seeks past
    /// each id, so it costs one seek per distinct value, not one step per key.
    /// </summary>
    public IEnumerable<TermId> DistinctLeading(KeySection section)
    {
        var start = new[] { (byte)section };
        var options = NewReadOptions(start, KeyRange.Successor(start));
        using var iterator = _db.NewIterator(_data, options);
        iterator.Seek(start);
        while (iterator.Valid())
        {
            if (!TryReadLeading(iterator.GetKeySpan(), out var id))
            {
                iterator.Next();
                continue;
            }
            yield return id;
            // A leading id usually has only a few keys (a subject's triples): stepping over them is several
            // times cheaper than a seek, which pays off only for a long run of the same id.
            for (int steps = 0; ; steps++)
            {
                iterator.Next();
                if (!iterator.Valid() || !TryReadLeading(iterator.GetKeySpan(), out var next) || next != id) break;
                if (steps == DistinctStepsBeforeSeek)
                {
                    iterator.Seek(KeyRange.Successor(iterator.GetKeySpan()[..(1 + TermId.Size)]));
                    break;
                }
            }
        }
        GC.KeepAlive(options);
    }

    private const int DistinctStepsBeforeSeek = 8;

    private static bool TryReadLeading(ReadOnlySpan<byte> key, out TermId id)
    {
        if (key.Length < 1 + TermId.Size)
        {
            id = default;
            return false;
        }
        id = TermId.Read(key.Slice(1, TermId.Size));
        return true;
    }

    // Point reads share one set of read options per scanner: they are only read by RocksDB, and creating
    // (and finalizing) native options per read cost as much as the read itself on existence checks.
    private ReadOptions? _pointOptions;

    public byte[]? Get(byte[] key)
    {
        SkipPerfCounters();
        return _db.Get(key, _data, _pointOptions ??= NewReadOptions());
    }

    /// <summary>
    /// Point reads of <paramref name="count"/> keys of <paramref name="keyLength"/> bytes (back to back in
    /// <paramref name="keys"/>) in one batched call: see <see cref="BatchedPointRead"/>.
    /// </summary>
    public void GetMany(ReadOnlySpan<byte> keys, int keyLength, int count, BatchedPointRead.FoundValue found)
    {
        SkipPerfCounters();
        BatchedPointRead.Read(_db, _data, _pointOptions ??= NewReadOptions(), keys, keyLength, count, found);
    }

    /// <summary>
    /// Whether <paramref name="key"/> exists: a point read that pins the value in the block cache instead
    /// of copying it into a native and then a managed buffer (existence checks never look at it).
    /// </summary>
    public unsafe bool Contains(byte[] key)
    {
        SkipPerfCounters();
        var options = _pointOptions ??= NewReadOptions();
        IntPtr slice;
        IntPtr error;
        fixed (byte* k = key)
            slice = Native.Instance.rocksdb_get_pinned_cf(_db.Handle, options.Handle, _data.Handle, (IntPtr)k, (UIntPtr)key.Length, out error);
        if (error != IntPtr.Zero) throw new RocksDbException(error);
        if (slice == IntPtr.Zero) return false;
        Native.Instance.rocksdb_pinnableslice_destroy(slice);
        return true;
    }

    [ThreadStatic] private static bool t_perfCountersOff;

    /// <summary>
    /// Turns RocksDB's per-thread perf counters off on the calling thread (once). RocksDB counts every
    /// block read, comparison and seek in a thread-local perf context by default ("enable count"), which
    /// nothing here reads; each count is a thread-local lookup on the read path.
    /// </summary>
    internal static void SkipPerfCounters()
    {
        if (t_perfCountersOff) return;
        Native.Instance.rocksdb_set_perf_level(PerfLevelDisable);
        t_perfCountersOff = true;
    }

    // RocksDB's PerfLevel::kDisable (kUninitialized is 0, kEnableCount 2).
    private const int PerfLevelDisable = 1;

    /// <summary>RocksDB's estimate of the bytes on disk (in files, not memtables) of the key range [start, limit).</summary>
    public unsafe long ApproximateSize(byte[] start, byte[] limit)
    {
        fixed (byte* startPtr = start)
        fixed (byte* limitPtr = limit)
        {
            var startKeys = stackalloc IntPtr[1] { (IntPtr)startPtr };
            var startLengths = stackalloc UIntPtr[1] { (UIntPtr)start.Length };
            var limitKeys = stackalloc IntPtr[1] { (IntPtr)limitPtr };
            var limitLengths = stackalloc UIntPtr[1] { (UIntPtr)limit.Length };
            var sizes = stackalloc ulong[1];
            Native.Instance.rocksdb_approximate_sizes_cf(_db.Handle, _data.Handle, 1,
                (IntPtr)startKeys, (IntPtr)startLengths, (IntPtr)limitKeys, (IntPtr)limitLengths, (IntPtr)sizes, out IntPtr error);
            if (error != IntPtr.Zero) return 0;
            return (long)sizes[0];
        }
    }
}
