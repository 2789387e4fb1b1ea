using System.Buffers.Binary;
using RocksDbSharp;
using TripleStore.Dataset;

namespace TripleStore.Storage;

/// <summary>
/// Id-level matching on a <see cref="StoreSnapshot"/>: one RocksDB iterator per column family, opened
/// once and re-seeked for every pattern, with the prefix checked on each key (so no per-lookup iterator,
/// read options or bound buffers). A fully bound default-graph triple is a point read (Bloom filter).
/// Derived triples are merged into default-graph scans in key order, a triple in both once.
/// </summary>
internal sealed class SnapshotCursor : IOrderedQuadCursor, IPartitionedQuadCursor
{
    private readonly QuadScanner _scanner;
    private readonly QuadScanner? _derivedScanner;
    private Iterator? _asserted, _derived;
    private ReadOptions? _assertedOptions, _derivedOptions;

    // One prefix buffer per bound length (0..4 ids): RocksDbSharp seeks with a whole array.
    private readonly byte[][] _prefixes = [new byte[1], new byte[1 + TermId.Size], new byte[1 + 2 * TermId.Size], new byte[1 + 3 * TermId.Size], new byte[1 + 4 * TermId.Size]];

    // Seek keys for SeekFrom: the prefix followed by the id to start from (1..4 ids).
    private readonly byte[][] _fromKeys = [new byte[1 + TermId.Size], new byte[1 + 2 * TermId.Size], new byte[1 + 3 * TermId.Size], new byte[1 + 4 * TermId.Size]];
    private bool _seekFrom;
    private TermId _from;

    private QuadIds _pattern;
    private bool _s, _p, _o;

    // Object ranges of the current pattern (IdPattern.ObjectRanges), used when the chosen index has the
    // object right after its bound prefix; the scan visits them in order, seeking only to skip a gap.
    private NodeRange[]? _objectRanges, _ranges;
    private int _rangeIndex, _objectOffset;
    private GraphSelectorKind _graph;
    private int _stage;             // 0 default graph, 1 named graphs, 2 done
    private QuadIndex _index = QuadIndex.DefaultSpo;
    private byte[] _prefix = [];
    private bool _point, _pointPending, _merge, _assertedOn, _derivedOn, _useDerived;

    // What the derived family holds for a predicate (DerivedPredicateSummary); the last one is kept, as a
    // step re-seeks one predicate.
    private readonly Func<TermId, DerivedPredicateSummary>? _derivedSummary;
    private TermId _lastPredicate;
    private DerivedPredicateSummary? _lastSummary;

    // The derived side of the current pattern read from memory (DerivedPredicateSummary.Keys) instead of
    // the derived family: the sorted keys of the chosen index and the position in them; null to seek.
    private DerivedKeys? _memory;
    private byte[][]? _memoryKeys;
    private int _memoryAt;

    public SnapshotCursor(QuadScanner scanner, QuadScanner? derived, Func<TermId, DerivedPredicateSummary>? derivedSummary = null)
    {
        _scanner = scanner;
        _derivedScanner = derived;
        _derivedSummary = derivedSummary;
    }

    /// <summary>
    /// Whether the derived family may match the current default-graph pattern: not when no derived triple
    /// has its predicate, nor when none has its bound subject or object with that predicate.
    /// </summary>
    private bool DerivedMayMatch()
    {
        if (_derivedScanner is null) return false;
        if (!_p || _derivedSummary is null) return true;
        var predicate = _pattern[QuadIndex.Predicate];
        if (_lastSummary is null || predicate != _lastPredicate)
        {
            _lastSummary = _derivedSummary(predicate);
            _lastPredicate = predicate;
        }
        return _lastSummary.MayMatch(_derivedScanner, _s, _pattern[QuadIndex.Subject], _o, _pattern[QuadIndex.Object]);
    }

    public void Seek(in IdPattern pattern)
    {
        QuadScanner.SkipPerfCounters();
        _pattern = new QuadIds(Id(pattern.Subject), Id(pattern.Predicate), Id(pattern.Object),
            pattern.Graph == GraphSelectorKind.NamedGraph ? Id(pattern.GraphName) : TermId.DefaultGraph);
        _s = pattern.HasSubject;
        _p = pattern.HasPredicate;
        _o = pattern.HasObject;
        _graph = pattern.Graph;
        _objectRanges = _o ? null : pattern.ObjectRanges;
        _stage = _graph is GraphSelectorKind.DefaultGraph or GraphSelectorKind.AllGraphs ? 0 : 1;
        Start();
    }

    /// <summary>
    /// A default-graph or single named-graph pattern comes out in the order of the index that
    /// <see cref="QuadIndex.Choose"/> picks: sorted by the first position after the bound prefix
    /// (e.g. <c>?x p c</c> in POS by ?x, <c>?y p ?x</c> by ?x). Asserted and derived keys are merged in
    /// key order, so the merge keeps that order.
    /// </summary>
    public bool OrdersBy(in IdPattern pattern, int position)
    {
        if (position is < 0 or > 2) return false;
        var (index, bound) = pattern.Graph switch
        {
            GraphSelectorKind.DefaultGraph => QuadIndex.Choose(QuadIndex.DefaultGraph, pattern.HasSubject, pattern.HasPredicate, pattern.HasObject, g: false),
            GraphSelectorKind.NamedGraph => QuadIndex.Choose(QuadIndex.NamedGraphs, pattern.HasSubject, pattern.HasPredicate, pattern.HasObject, g: true),
            _ => (QuadIndex.DefaultSpo, -1),
        };
        return bound >= 0 && bound < index.Order.Length && index.Order[bound] == position;
    }

    public void SeekFrom(in IdPattern pattern, int position, NodeId from)
    {
        _from = Id(from);
        _seekFrom = true;
        try
        {
            Seek(pattern);
        }
        finally
        {
            _seekFrom = false;
        }
    }

    private static TermId Id(NodeId id) => new(id.High, id.Low);

    /// <summary>
    /// Splits a default-graph scan whose index has the object right after the bound prefix: the first and
    /// the last object of the prefix (asserted and, when it may match, derived) are read with one seek each,
    /// and the span between them is cut per id kind (the tag byte) into equal shares of the id space. Ids
    /// after the tag are hashes or value bytes, so equal shares of the space hold about equal numbers of keys.
    /// </summary>
    public NodeRange[]? SplitObjects(in IdPattern pattern, int parts)
    {
        if (pattern.HasObject || pattern.Graph != GraphSelectorKind.DefaultGraph || parts < 2) return null;
        var (index, bound) = QuadIndex.Choose(QuadIndex.DefaultGraph, pattern.HasSubject, pattern.HasPredicate, false, g: false);
        if (bound >= index.Order.Length || index.Order[bound] != QuadIndex.Object) return null;
        var ids = new QuadIds(Id(pattern.Subject), Id(pattern.Predicate), default, TermId.DefaultGraph);
        var prefix = new byte[1 + bound * TermId.Size];
        prefix[0] = (byte)index.Section;
        for (int i = 0; i < bound; i++) ids[index.Order[i]].Write(prefix.AsSpan(1 + i * TermId.Size, TermId.Size));
        int offset = prefix.Length;
        NodeId? first = null, last = null;
        void Span(Iterator iterator)
        {
            iterator.Seek(prefix);
            if (!iterator.Valid() || !iterator.GetKeySpan().StartsWith(prefix)) return;
            var low = ObjectAt(iterator.GetKeySpan(), offset);
            iterator.SeekForPrev(KeyRange.Successor(prefix));
            if (!iterator.Valid() || !iterator.GetKeySpan().StartsWith(prefix)) return;
            var high = ObjectAt(iterator.GetKeySpan(), offset);
            if (first is null || NodeRange.Compare(low, first.Value) < 0) first = low;
            if (last is null || NodeRange.Compare(high, last.Value) > 0) last = high;
        }
        Span(_asserted ??= _scanner.NewIterator(out _assertedOptions));
        bool derived = _derivedScanner is not null && (!pattern.HasPredicate || _derivedSummary is null || _derivedSummary(Id(pattern.Predicate)).Present);
        if (derived) Span(_derived ??= _derivedScanner!.NewIterator(out _derivedOptions));
        return first is { } f && last is { } l ? ObjectSplit.Split(f, l, parts) : null;
    }

    private static NodeId ObjectAt(ReadOnlySpan<byte> key, int offset) => new(
        BinaryPrimitives.ReadUInt64BigEndian(key[offset..]), BinaryPrimitives.ReadUInt64BigEndian(key[(offset + 8)..]));

    private void Start()
    {
        int bound;
        if (_stage == 0) (_index, bound) = QuadIndex.Choose(QuadIndex.DefaultGraph, _s, _p, _o, g: false);
        else (_index, bound) = QuadIndex.Choose(QuadIndex.NamedGraphs, _s, _p, _o, _graph == GraphSelectorKind.NamedGraph);
        _prefix = _prefixes[bound];
        _prefix[0] = (byte)_index.Section;
        for (int i = 0; i < bound; i++)
            _pattern[_index.Order[i]].Write(_prefix.AsSpan(1 + i * TermId.Size, TermId.Size));
        _useDerived = _stage == 0 && DerivedMayMatch();
        _memory = _useDerived && _p && _derivedSummary is not null ? _lastSummary?.Keys : null;
        _memoryKeys = _memory?.For(_index);
        _point = _stage == 0 && bound == 3;
        _pointPending = _point;
        if (_point) return;
        _merge = _useDerived;
        // A merge join's restart point (SeekFrom) wins over object ranges: the ranges only narrow a scan
        // whose rows the filters check anyway.
        _ranges = !_seekFrom && _objectRanges is { Length: > 0 } r && bound < _index.Order.Length && _index.Order[bound] == QuadIndex.Object ? r : null;
        _rangeIndex = 0;
        _objectOffset = 1 + bound * TermId.Size;
        var start = _ranges is null ? _prefix : SeekKey(_ranges[0].Low);
        if (_seekFrom)
        {
            // The position after the prefix is the one the scan is ordered by (OrdersBy).
            start = _fromKeys[bound];
            _prefix.CopyTo(start, 0);
            _from.Write(start.AsSpan(1 + bound * TermId.Size, TermId.Size));
        }
        _asserted ??= _scanner.NewIterator(out _assertedOptions);
        _asserted.Seek(start);
        _assertedOn = true;
        if (_merge && _memoryKeys is not null) _memoryAt = DerivedKeys.LowerBound(_memoryKeys, start);
        else if (_merge)
        {
            _derived ??= _derivedScanner!.NewIterator(out _derivedOptions);
            _derived.Seek(start);
        }
        _derivedOn = _merge;
    }

    /// <summary>The prefix followed by an object id: where a range starts.</summary>
    private byte[] SeekKey(NodeId low)
    {
        var key = _prefixes[(_objectOffset - 1) / TermId.Size + 1];
        _prefix.CopyTo(key, 0);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(_objectOffset), low.High);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(_objectOffset + 8), low.Low);
        return key;
    }

    private NodeId ObjectOf(ReadOnlySpan<byte> key) => new(
        BinaryPrimitives.ReadUInt64BigEndian(key[_objectOffset..]), BinaryPrimitives.ReadUInt64BigEndian(key[(_objectOffset + 8)..]));

    /// <summary>Moves both scans to the next object range; false when none is left.</summary>
    private bool NextRange()
    {
        if (_ranges is null || ++_rangeIndex >= _ranges.Length) return false;
        var low = _ranges[_rangeIndex].Low;
        _assertedOn = Reposition(_asserted!, low);
        if (_merge && _memoryKeys is not null)
        {
            if (_memoryAt < _memoryKeys.Length && _memoryKeys[_memoryAt].AsSpan().StartsWith(_prefix)
                && NodeRange.Compare(ObjectOf(_memoryKeys[_memoryAt]), low) < 0)
                _memoryAt = DerivedKeys.LowerBound(_memoryKeys, SeekKey(low));
            _derivedOn = true;
        }
        else if (_merge) _derivedOn = Reposition(_derived!, low);
        return _assertedOn || _derivedOn;
    }

    /// <summary>
    /// Places an iterator at the first key of the prefix whose object is at least <paramref name="low"/>:
    /// it already stands on the first key past the previous range, so it seeks only when that key lies
    /// before <paramref name="low"/>. False when the prefix has no keys left.
    /// </summary>
    private bool Reposition(Iterator iterator, NodeId low)
    {
        if (!iterator.Valid()) return false;
        var key = iterator.GetKeySpan();
        if (!key.StartsWith(_prefix)) return false;
        if (key.Length >= _objectOffset + TermId.Size && NodeRange.Compare(ObjectOf(key), low) >= 0) return true;
        iterator.Seek(SeekKey(low));
        return true;
    }

    public bool Next(out IdQuad quad)
    {
        while (_stage < 2)
        {
            if (_point)
            {
                if (_pointPending)
                {
                    _pointPending = false;
                    if (PointExists())
                    {
                        quad = ToQuad(_pattern, named: false);
                        return true;
                    }
                }
            }
            else if (ReadScan(out var ids))
            {
                quad = ToQuad(ids, _index.IsNamed);
                return true;
            }
            _stage = _stage == 0 && _graph == GraphSelectorKind.AllGraphs ? 1 : 2;
            if (_stage == 1) Start();
        }
        quad = default;
        return false;
    }

    private static IdQuad ToQuad(in QuadIds ids, bool named) => new(
        new NodeId(ids[0].High, ids[0].Low), new NodeId(ids[1].High, ids[1].Low), new NodeId(ids[2].High, ids[2].Low),
        named ? new NodeId(ids[3].High, ids[3].Low) : NodeId.DefaultGraph);

    /// <summary>
    /// Whether the fully bound default-graph triple exists: a point read in the asserted family, then (if
    /// the predicate has derived triples) in the derived one. The answer for the last key is kept, since
    /// the snapshot never changes and a nested loop often checks the same triple for consecutive rows.
    /// </summary>
    private bool PointExists()
    {
        if (_lastPointKnown && _lastPointDerived == _useDerived && _prefix.AsSpan().SequenceEqual(_lastPoint))
            return _lastPointFound;
        bool found = _scanner.Contains(_prefix)
            || (_useDerived && (_memory is not null ? _memory.ContainsSpo(_prefix) : _derivedScanner!.Contains(_prefix)));
        _prefix.CopyTo(_lastPoint, 0);
        _lastPointDerived = _useDerived;
        _lastPointFound = found;
        _lastPointKnown = true;
        return found;
    }

    private readonly byte[] _lastPoint = new byte[1 + 3 * TermId.Size];
    private bool _lastPointKnown, _lastPointDerived, _lastPointFound;

    private bool ReadScan(out QuadIds ids)
    {
        // The keys OnMatch read stay valid until their iterator moves, so each row asks RocksDB for a
        // key once per family (every native call costs a managed-to-native transition).
        ReadOnlySpan<byte> asserted = default, derived = default;
        while (true)
        {
            if (_assertedOn) _assertedOn = OnMatch(_asserted!, out asserted);
            if (_derivedOn) _derivedOn = _memoryKeys is not null ? OnMatchInMemory(out derived) : OnMatch(_derived!, out derived);
            if (_assertedOn || _derivedOn) break;
            if (!NextRange())
            {
                ids = default;
                return false;
            }
        }
        int order = !_assertedOn ? 1 : !_derivedOn ? -1 : asserted.SequenceCompareTo(derived);
        if (order <= 0)
        {
            ids = _index.ReadKey(asserted);
            _asserted!.Next();
            if (order == 0) NextDerived();
        }
        else
        {
            ids = _index.ReadKey(derived);
            NextDerived();
        }
        return true;
    }

    private void NextDerived()
    {
        if (_memoryKeys is not null) _memoryAt++;
        else _derived!.Next();
    }

    /// <summary><see cref="OnMatch"/> for the derived keys held in memory (all of the index's key length).</summary>
    private bool OnMatchInMemory(out ReadOnlySpan<byte> key)
    {
        key = default;
        if (_memoryAt >= _memoryKeys!.Length) return false;
        var candidate = _memoryKeys[_memoryAt].AsSpan();
        if (!candidate.StartsWith(_prefix)) return false;
        if (_ranges is not null && NodeRange.Compare(ObjectOf(candidate), _ranges[_rangeIndex].High) > 0) return false;
        key = candidate;
        return true;
    }

    /// <summary>
    /// Skips keys of another length; true when the iterator is on a key of the current prefix (and of the
    /// current object range, if any), which <paramref name="key"/> then holds until the iterator moves.
    /// </summary>
    private bool OnMatch(Iterator iterator, out ReadOnlySpan<byte> key)
    {
        while (iterator.Valid())
        {
            key = iterator.GetKeySpan();
            if (!key.StartsWith(_prefix)) return false;
            if (key.Length == _index.KeyLength)
                return _ranges is null || NodeRange.Compare(ObjectOf(key), _ranges[_rangeIndex].High) <= 0;
            iterator.Next();
        }
        key = default;
        return false;
    }

    public void Dispose()
    {
        _asserted?.Dispose();
        _derived?.Dispose();
        _asserted = _derived = null;
        GC.KeepAlive(_assertedOptions);
        GC.KeepAlive(_derivedOptions);
    }
}
