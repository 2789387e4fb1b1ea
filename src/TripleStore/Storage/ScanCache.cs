using System.Diagnostics.CodeAnalysis;
using TripleStore.Dataset;

namespace TripleStore.Storage;

/// <summary>
/// The <see cref="ISharedScanCache"/> of one state of the data (it lives in that state's
/// <see cref="EstimateMemo"/>, so a write, which moves the sequence number, starts an empty one and the old
/// one goes with the last snapshot of its state). At most <see cref="Capacity"/> bytes: adding past it evicts
/// the entries used longest ago.
/// </summary>
internal sealed class ScanCache(long capacity) : ISharedScanCache
{
    private readonly Dictionary<SharedScanKey, Entry> _entries = new();
    private long _bytes, _clock;

    public long Capacity { get; } = capacity;

    /// <summary>The bytes held now (as estimated by the entries' builders).</summary>
    public long Bytes
    {
        get { lock (_entries) return _bytes; }
    }

    public int Count
    {
        get { lock (_entries) return _entries.Count; }
    }

    public bool TryGet(in SharedScanKey key, [NotNullWhen(true)] out object? value)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.LastUse = ++_clock;
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public bool TryAdd(in SharedScanKey key, object value, long bytes)
    {
        if (bytes > Capacity) return false;
        lock (_entries)
        {
            if (_entries.ContainsKey(key)) return true;
            while (_bytes + bytes > Capacity) Evict();
            _entries[key] = new Entry(value, bytes) { LastUse = ++_clock };
            _bytes += bytes;
            return true;
        }
    }

    // Rent is a counter per key; past this many keys the counters start over (bounded, like the estimates).
    private const int RentKeys = 4_096;

    private readonly Dictionary<SharedScanKey, long> _rent = new();

    public long Rent(in SharedScanKey key)
    {
        lock (_entries) return _rent.GetValueOrDefault(key);
    }

    public void PayRent(in SharedScanKey key, long lookups)
    {
        lock (_entries)
        {
            if (_rent.Count >= RentKeys && !_rent.ContainsKey(key)) _rent.Clear();
            _rent[key] = _rent.GetValueOrDefault(key) + lookups;
        }
    }

    private void Evict()
    {
        SharedScanKey oldest = default;
        long when = long.MaxValue;
        foreach (var (key, entry) in _entries)
            if (entry.LastUse < when)
            {
                when = entry.LastUse;
                oldest = key;
            }
        _bytes -= _entries[oldest].Bytes;
        _entries.Remove(oldest);
    }

    private sealed class Entry(object value, long bytes)
    {
        public object Value { get; } = value;
        public long Bytes { get; } = bytes;
        public long LastUse { get; set; }
    }
}
