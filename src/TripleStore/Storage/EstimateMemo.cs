using System.Collections.Concurrent;

namespace TripleStore.Storage;

/// <summary>
/// Join-order estimates of one state of the data, shared by every snapshot of that state. Counting a
/// range, sizing it and sampling fan-outs read the store, and the planner asks the same questions for
/// every run of a query; the answers hold until the data changes. A state is a RocksDB sequence number
/// (every write and every ingestion moves it) and whether derived triples are seen. Bounded: when full
/// it starts over.
/// </summary>
internal sealed class EstimateMemo
{
    private const int Capacity = 65_536;

    private readonly ConcurrentDictionary<EstimateKey, double> _values = new();

    public EstimateMemo(ulong sequence, long scanCacheBytes = StoreDatabase.DefaultScanCacheBytes)
    {
        Sequence = sequence;
        _scanCacheBytes = scanCacheBytes;
    }

    private readonly long _scanCacheBytes;
    private ScanSlot? _scans;

    /// <summary>
    /// Whole-scan structures of this state kept for later queries (<see cref="ScanCache"/>), for snapshots
    /// that read <paramref name="derived"/> as their derived generation. The first asker fixes the generation;
    /// a snapshot of the same sequence number that reads another one (taken in the instant between a full
    /// materialization's commit and its switch of generations) gets none, so it never sees the other's lists.
    /// </summary>
    public ScanCache? ScansFor(object? derived)
    {
        var scans = Volatile.Read(ref _scans) ?? InitScans(derived);
        return ReferenceEquals(scans.Derived, derived) ? scans.Cache : null;
    }

    private ScanSlot InitScans(object? derived)
    {
        lock (_derivedPredicates) return _scans ??= new ScanSlot(new ScanCache(_scanCacheBytes), derived);
    }

    private sealed record ScanSlot(ScanCache Cache, object? Derived);

    /// <summary>The sequence number of the snapshots whose estimates this holds.</summary>
    public ulong Sequence { get; }

    public bool TryGet(in EstimateKey key, out double value) => _values.TryGetValue(key, out value);

    public void Add(in EstimateKey key, double value)
    {
        if (_values.Count >= Capacity) _values.Clear();
        _values[key] = value;
    }

    private readonly ConcurrentDictionary<TermId, DerivedPredicateSummary> _derivedPredicates = new();

    /// <summary>What the derived triples hold for this predicate, when already asked in this state.</summary>
    public bool TryGetDerivedPredicate(TermId predicate, out DerivedPredicateSummary summary) => _derivedPredicates.TryGetValue(predicate, out summary!);

    /// <summary>Keeps <paramref name="summary"/> unless another snapshot stored one first; returns the one kept.</summary>
    public DerivedPredicateSummary AddDerivedPredicate(DerivedPredicateSummary summary)
    {
        if (_derivedPredicates.Count >= Capacity) _derivedPredicates.Clear();
        return _derivedPredicates.GetOrAdd(summary.Predicate, summary);
    }
}

/// <summary>
/// One estimate question: the pattern's ids (unbound positions zero) and, in <see cref="Shape"/>, which
/// positions are bound, the graph selector's kind, which positions an earlier pattern binds, and
/// whether it is a count or a fan-out.
/// </summary>
internal readonly record struct EstimateKey(QuadIds Pattern, int Shape);
