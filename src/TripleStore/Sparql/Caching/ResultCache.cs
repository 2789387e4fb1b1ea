using TripleStore.Rdf;
using TripleStore.Telemetry;

namespace TripleStore.Sparql.Caching;

/// <summary>
/// A store's LRU cache of complete query results, bounded by entry count and total bytes. Each entry
/// keeps the footprint (predicates and graphs) its query can read; a write invalidates the entries it
/// affects. A write is announced before it commits (<see cref="BeginWrite"/>) and completed after
/// (<see cref="EndWrite"/>): while it is under way no affected entry is served or stored, because a
/// reader may already see its new state while another fill still holds the old one; its end advances
/// <see cref="Sequence"/> and drops the affected entries, and a result is stored only if no affecting
/// write began or ended since its evaluation began. So a fill racing with a write can never leave, or
/// serve, a stale entry. Thread-safe.
/// </summary>
internal sealed class ResultCache
{
    private static long s_totalBytes;

    private readonly object _gate = new();
    private readonly Dictionary<ResultCacheKey, LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _lru = new();
    // Footprints of recent writes, newest last, so a fill can tell whether one that affects it committed since it began.
    private readonly List<(long Sequence, QueryFootprint Footprint)> _recentWrites = new();
    // Writes announced and not yet ended (usually none): they may have committed already.
    private readonly List<QueryFootprint> _pendingWrites = new();
    private long _sequence;
    private long _bytes, _hits, _misses, _evictions, _invalidations;

    public ResultCache(int maxEntries, long maxBytes, long maxResultBytes)
    {
        MaxEntries = maxEntries;
        MaxBytes = maxBytes;
        MaxResultBytes = maxResultBytes;
    }

    /// <summary>Bytes held by every result cache of the process (the telemetry gauge).</summary>
    public static long TotalBytes => Interlocked.Read(ref s_totalBytes);

    public int MaxEntries { get; }
    public long MaxBytes { get; }
    public long MaxResultBytes { get; }
    public bool Enabled => MaxEntries > 0 && MaxBytes > 0 && MaxResultBytes > 0;

    /// <summary>The write sequence now; read it before opening the snapshot a fill evaluates on.</summary>
    public long Sequence { get { lock (_gate) return _sequence; } }

    private sealed record Entry(ResultCacheKey Key, object Value, QueryFootprint Footprint, long Bytes);

    public bool TryGet(ResultCacheKey key, out object? value)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node) && !AffectedByPendingWrite(node.Value.Footprint))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                value = node.Value.Value;
                StoreMetrics.RecordCacheLookup("result", true);
                return true;
            }
            _misses++;
        }
        StoreMetrics.RecordCacheLookup("result", false);
        value = null;
        return false;
    }

    /// <summary>
    /// Stores a result evaluated on a snapshot opened after <paramref name="startSequence"/> was read;
    /// refused when it is too large, or when a write affecting it committed since.
    /// </summary>
    public bool TryAdd(ResultCacheKey key, object value, QueryFootprint footprint, long resultBytes, long startSequence)
    {
        long bytes = resultBytes + key.EstimatedBytes;
        if (!Enabled || resultBytes > MaxResultBytes || bytes > MaxBytes) return false;
        lock (_gate)
        {
            if (AffectedByPendingWrite(footprint)) return false;
            if (startSequence != _sequence)
            {
                // Writes since the start: if the log no longer reaches back that far, assume the worst.
                if (_recentWrites.Count == 0 || _recentWrites[0].Sequence > startSequence + 1) return false;
                foreach (var (sequence, write) in _recentWrites)
                    if (sequence > startSequence && footprint.IsAffectedBy(write)) return false;
            }
            if (_map.TryGetValue(key, out var existing)) RemoveNode(existing);
            _map[key] = _lru.AddFirst(new Entry(key, value, footprint, bytes));
            AddBytes(bytes);
            while (_map.Count > MaxEntries || _bytes > MaxBytes)
            {
                RemoveNode(_lru.Last!);
                _evictions++;
                StoreMetrics.RecordCacheEviction("result");
            }
            return true;
        }
    }

    /// <summary>
    /// Announces a write about to commit (call it before the commit, and <see cref="EndWrite"/> after it,
    /// even when the write fails): until it ends, entries it affects are neither served nor stored.
    /// </summary>
    public void BeginWrite(QueryFootprint write)
    {
        lock (_gate) _pendingWrites.Add(write);
    }

    /// <summary>
    /// Ends a write announced by <see cref="BeginWrite"/>: when it changed anything, drops the entries it
    /// affects and advances the sequence, so that fills begun before it cannot store what they read.
    /// </summary>
    public void EndWrite(QueryFootprint write, bool changed)
    {
        int removed = 0;
        lock (_gate)
        {
            // In one step with the sequence's advance: a fill must never find the write neither pending nor counted.
            _pendingWrites.Remove(write);
            if (changed) removed = InvalidateLocked(write);
        }
        if (removed > 0) StoreMetrics.RecordCacheInvalidations("result", removed);
    }

    private bool AffectedByPendingWrite(QueryFootprint footprint)
    {
        foreach (var write in _pendingWrites)
            if (footprint.IsAffectedBy(write)) return true;
        return false;
    }

    /// <summary>Records a committed write: drops the entries it affects and advances the sequence.</summary>
    public void Invalidate(QueryFootprint write)
    {
        int removed;
        lock (_gate) removed = InvalidateLocked(write);
        if (removed > 0) StoreMetrics.RecordCacheInvalidations("result", removed);
    }

    private int InvalidateLocked(QueryFootprint write)
    {
        _sequence++;
        _recentWrites.Add((_sequence, write));
        if (_recentWrites.Count > 64) _recentWrites.RemoveRange(0, _recentWrites.Count - 64);
        int removed = 0;
        for (var node = _lru.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Footprint.IsAffectedBy(write))
            {
                RemoveNode(node);
                removed++;
            }
            node = next;
        }
        _invalidations += removed;
        return removed;
    }

    /// <summary>Empties the cache (and resets its counters); returns how many entries it held.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            int count = _map.Count;
            AddBytes(-_bytes);
            _map.Clear();
            _lru.Clear();
            _hits = _misses = _evictions = _invalidations = 0;
            // Fills under way must not store what they read before the clear.
            _sequence++;
            _recentWrites.Add((_sequence, QueryFootprint.Everything));
            return count;
        }
    }

    public ResultCacheStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new ResultCacheStatistics
                {
                    Enabled = Enabled, Entries = _map.Count, Bytes = _bytes, MaxEntries = MaxEntries, MaxBytes = MaxBytes,
                    MaxResultBytes = MaxResultBytes, Hits = _hits, Misses = _misses, Evictions = _evictions, Invalidations = _invalidations,
                };
            }
        }
    }

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _lru.Remove(node);
        _map.Remove(node.Value.Key);
        AddBytes(-node.Value.Bytes);
    }

    private void AddBytes(long delta)
    {
        _bytes += delta;
        Interlocked.Add(ref s_totalBytes, delta);
    }

    /// <summary>A rough in-memory size of a term: object headers plus its text.</summary>
    public static long EstimateBytes(Term? term) => term is null ? 8 : 48 + 2L * term.ToString().Length;
}
