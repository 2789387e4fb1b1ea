using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A step of an id join that may turn into a hash join. It probes the index like any step until it has
/// been sought more than <c>hashAfter</c> times in one run (the planner sets that from the estimated size
/// of a scan, so estimates that overshoot the rows cost nothing); then the step's pattern is scanned once
/// with only its constants (and input values) fixed, the matches are kept in a table keyed on the ids of
/// the variables earlier steps bind, and every later seek is a table lookup instead of an index probe.
/// When the scan finds more matches than the memory limit allows, the table is dropped and the step keeps
/// probing, so the answers never depend on which way it ran. An existence check (every position known
/// when the step runs) keeps only a set of keys and answers a hit with the sought quad itself. A seek that
/// carries object ranges (<see cref="IdPattern.ObjectRanges"/>, a numeric band) builds the table from those
/// ranges only; it then answers the seeks with the same ranges, and probes the index for any other.
/// </summary>
internal sealed class HashedStepCursor : IQuadCursor
{
    private readonly IEncodedQuadSource _source;
    private readonly bool[] _key;
    private readonly long _limit;
    private readonly long _hashAfter;
    private readonly EvaluationContext _ctx;
    private readonly bool _exists;
    private long _seeks;
    private HashSet<Key>? _set;
    private IdQuad _sought;
    private bool _hit;
    private Dictionary<Key, (int Head, int Tail)>? _table;
    private IdQuad[] _quads = [];
    private int[] _next = [];
    private IQuadCursor? _probe;
    private bool _built;
    private int _at = -1;
    private NodeRange[]? _builtRanges;
    private bool _probing;

    /// <param name="key">Per position (subject, predicate, object, graph): whether it is part of the key.</param>
    /// <param name="hashAfter">Seeks answered by probing before the table is built.</param>
    /// <param name="exists">Whether the step is an existence check: the key positions and the constants are all its positions.</param>
    public HashedStepCursor(IEncodedQuadSource source, bool[] key, long limit, long hashAfter, EvaluationContext ctx, bool exists = false)
    {
        _exists = exists;
        _source = source;
        _key = key;
        _limit = limit;
        _hashAfter = hashAfter;
        _ctx = ctx;
    }

    /// <summary>True once the table is built; false while unbuilt or after falling back to probing.</summary>
    public bool Hashed => _table is not null || _set is not null;

    private ISharedScanCache? SharedScans => _ctx.Options.SharedScans ? _source.SharedScans : null;

    /// <summary>Whether the table (or set) came from the source's <see cref="ISharedScanCache"/>, built by an earlier query.</summary>
    public bool Shared { get; private set; }

    public void Seek(in IdPattern pattern)
    {
        // A table an earlier query built over the same data costs nothing: take it at the first seek.
        if (!_built && _seeks == 0)
        {
            if (TryShared(pattern)) _built = true;
            else if (SharedScans is { } cache && SharedKeyOf(pattern) is { } key)
            {
                // Lookups earlier queries made on the index count towards the switch ("rent or buy" across queries).
                _rentKey = key;
                _rentCache = cache;
                _rentBefore = cache.Rent(key);
            }
        }
        if (!_built && ++_seeks + _rentBefore > _hashAfter) Build(pattern);
        _probing = Hashed && !SameRanges(pattern.ObjectRanges, _builtRanges);
        if (_probing)
        {
            (_probe ??= _source.OpenCursor()).Seek(pattern);
            return;
        }
        if (_set is not null)
        {
            _hit = _set.Contains(KeyOf(pattern));
            if (_hit) _sought = new IdQuad(pattern.Subject, pattern.Predicate, pattern.Object, pattern.Graph == GraphSelectorKind.NamedGraph ? pattern.GraphName : NodeId.DefaultGraph);
            return;
        }
        if (_table is null)
        {
            (_probe ??= _source.OpenCursor()).Seek(pattern);
            return;
        }
        _at = _table.TryGetValue(KeyOf(pattern), out var chain) ? chain.Head : -1;
    }

    public bool Next(out IdQuad quad)
    {
        if (_probing) return _probe!.Next(out quad);
        if (_set is not null)
        {
            quad = _sought;
            bool hit = _hit;
            _hit = false;
            return hit;
        }
        if (_table is null) return _probe!.Next(out quad);
        if (_at < 0)
        {
            quad = default;
            return false;
        }
        quad = _quads[_at];
        _at = _next[_at];
        return true;
    }

    /// <summary>The pattern a build scans: the sought pattern with its key positions free.</summary>
    private IdPattern ScanOf(in IdPattern pattern)
    {
        var scan = pattern;
        if (_key[0]) scan.HasSubject = false;
        if (_key[1]) scan.HasPredicate = false;
        if (_key[2]) scan.HasObject = false;
        return scan;
    }

    // Layout numbers of ISharedScanCache entries: which positions key the table, and whether it is a set.
    private int SharedLayout => 2_000 + (_key[0] ? 1 : 0) + (_key[1] ? 2 : 0) + (_key[2] ? 4 : 0) + (_exists ? 8 : 0);

    private SharedScanKey? SharedKeyOf(in IdPattern pattern) =>
        SharedScanKey.For(ScanOf(pattern), SharedLayout);

    private bool TryShared(in IdPattern pattern)
    {
        if (SharedScans is not { } cache || SharedKeyOf(pattern) is not { } key || !cache.TryGet(key, out var value)) return false;
        switch (value)
        {
            case HashSet<Key> set when _exists && set.Count <= _limit:
                _set = set;
                break;
            case SharedTable table when !_exists && table.Quads.Length <= _limit:
                _table = table.Chains;
                _quads = table.Quads;
                _next = table.Next;
                break;
            default:
                return false;
        }
        _builtRanges = null;
        Shared = true;
        return true;
    }

    private void Share(in IdPattern pattern, object value, long bytes)
    {
        if (SharedScans is { } cache && SharedKeyOf(pattern) is { } key) cache.TryAdd(key, value, bytes);
    }

    /// <summary>A built table as kept in the shared cache: never changed once there.</summary>
    private sealed record SharedTable(Dictionary<Key, (int Head, int Tail)> Chains, IdQuad[] Quads, int[] Next);

    private void Build(in IdPattern pattern)
    {
        _built = true;
        _builtRanges = pattern.HasObject ? null : pattern.ObjectRanges;
        var scan = ScanOf(pattern);
        if (_exists)
        {
            BuildSet(scan);
            return;
        }
        var table = new Dictionary<Key, (int Head, int Tail)>();
        var quads = new List<IdQuad>();
        using (var cursor = _source.OpenCursor())
        {
            cursor.Seek(scan);
            while (cursor.Next(out var quad))
            {
                _ctx.Tick();
                if (quads.Count >= _limit) return;
                quads.Add(quad);
            }
        }
        _quads = quads.ToArray();
        _next = new int[_quads.Length];
        for (int i = 0; i < _quads.Length; i++)
        {
            _next[i] = -1;
            var key = KeyOf(_quads[i]);
            if (table.TryGetValue(key, out var chain))
            {
                _next[chain.Tail] = i;
                table[key] = (chain.Head, i);
            }
            else table[key] = (i, i);
        }
        _table = table;
        // A quad and its chain link (68 bytes) per match, a key and its chain ends (about 72) per key.
        Share(pattern, new SharedTable(table, _quads, _next), _quads.Length * 68L + table.Count * 72L);
        _probe?.Dispose();
        _probe = null;
    }

    private void BuildSet(in IdPattern scan)
    {
        var set = new HashSet<Key>();
        using (var cursor = _source.OpenCursor())
        {
            cursor.Seek(scan);
            while (cursor.Next(out var quad))
            {
                _ctx.Tick();
                if (set.Count >= _limit) return;
                set.Add(KeyOf(quad));
            }
        }
        _set = set;
        // A key and its hash entry: about 64 bytes.
        Share(scan, set, set.Count * 64L);
        _probe?.Dispose();
        _probe = null;
    }

    /// <summary>Whether two seeks ask for the same object ranges (null: no ranges).</summary>
    private static bool SameRanges(NodeRange[]? a, NodeRange[]? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return (a?.Length ?? 0) == 0 && (b?.Length ?? 0) == 0;
        return a.AsSpan().SequenceEqual(b);
    }

    private Key KeyOf(in IdPattern p) =>
        new(_key[0] ? p.Subject : default, _key[1] ? p.Predicate : default, _key[2] ? p.Object : default);

    private Key KeyOf(in IdQuad q) =>
        new(_key[0] ? q.Subject : default, _key[1] ? q.Predicate : default, _key[2] ? q.Object : default);

    private SharedScanKey? _rentKey;
    private ISharedScanCache? _rentCache;
    private long _rentBefore;

    public void Dispose()
    {
        // Paid into the cache taken at the first seek: the snapshot may already be closing.
        if (!_built && _rentKey is { } key) _rentCache?.PayRent(key, _seeks);
        _probe?.Dispose();
    }

    private readonly struct Key(NodeId a, NodeId b, NodeId c) : IEquatable<Key>
    {
        private readonly NodeId _a = a, _b = b, _c = c;

        public bool Equals(Key other) => _a == other._a && _b == other._b && _c == other._c;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(_a.High, _a.Low, _b.High, _b.Low, _c.High, _c.Low);
    }
}
