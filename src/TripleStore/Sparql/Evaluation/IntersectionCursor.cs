using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// The matches of a driver pattern whose one new variable also satisfies a set of check patterns (see
/// <see cref="BgpIntersection"/>). Per seek, each check pattern is read with that variable free into a
/// sorted list of its values (a store's index already lists them in id order; other sources are sorted
/// here), read only once the driver has a first match; each driver match is then kept when every list
/// holds its value (a binary search from where the previous, smaller value was found). A list that grows
/// past its cap is dropped for this seek and that check falls back to a point read per driver match, so
/// a wrong estimate costs no more than the nested loop it replaced.
/// </summary>
internal sealed class IntersectionCursor : IQuadCursor
{
    private readonly IQuadCursor _driver;
    private readonly int _position;
    private readonly IEncodedQuadSource _source;
    private readonly EvaluationContext _ctx;
    private readonly Partner[] _partners;
    private IdPattern[] _patterns = [];
    private bool _listed;

    /// <param name="driver">The driver step's cursor.</param>
    /// <param name="position">The position (0-2) of the shared variable in the driver's matches.</param>
    /// <param name="partnerPositions">Per check pattern, the position of the shared variable in it.</param>
    /// <param name="cap">The most values a check's list may hold before that check falls back to point reads.</param>
    /// <param name="keyPositions">Per check pattern, the position of its one other variable bound earlier, whose lists are kept (<see cref="KeyedLists"/>); -1 (or none given) to read each seek's list afresh.</param>
    /// <param name="scanSizes">Per check pattern, its matches with only its constants fixed.</param>
    /// <param name="readAll">Per check pattern, whether to read it whole at its first list (the planner expects its lists to cost more).</param>
    public IntersectionCursor(IQuadCursor driver, int position, int[] partnerPositions, IEncodedQuadSource source, EvaluationContext ctx, long cap,
        int[]? keyPositions = null, long[]? scanSizes = null, bool[]? readAll = null)
    {
        _driver = driver;
        _position = position;
        _source = source;
        _ctx = ctx;
        _partners = partnerPositions.Select((p, j) => new Partner(p, cap,
            keyPositions is { } k && j < k.Length && k[j] >= 0
                ? new KeyedLists(k[j], p, scanSizes![j], cap, ctx.Options.MaxRowsInMemory, source, ctx, readAll is { } r && j < r.Length && r[j])
                : null)).ToArray();
    }

    /// <summary>The driver step's own cursor.</summary>
    public IQuadCursor Driver => _driver;

    /// <summary>Driver matches read and kept over the cursor's life (for EXPLAIN).</summary>
    public long Read { get; private set; }

    public long Kept { get; private set; }

    /// <summary>Check lists read, and those that passed their cap and fell back to point reads.</summary>
    public long Lists { get; private set; }

    public long Fallbacks { get; private set; }

    /// <summary>Check patterns read whole once (their lists kept per key) instead of per seek.</summary>
    public int Whole => _partners.Count(p => p.Whole);

    /// <summary>Checks whose whole read was started ahead, on another thread (<see cref="Prefetch"/>).</summary>
    public int ReadAhead => _partners.Count(p => p.ReadAhead);

    /// <summary>Checks whose whole lists came from the source's shared cache (<see cref="KeyedLists.Shared"/>).</summary>
    public int Shared => _partners.Count(p => p.Shared);

    /// <summary>
    /// Starts reading check <paramref name="check"/> whole on another thread (see
    /// <see cref="KeyedLists.Prefetch"/>); <paramref name="pattern"/> is that check's pattern, whose positions
    /// other than its key and the shared variable are already known. Ignored for a check whose lists are not kept.
    /// </summary>
    public void Prefetch(int check, in IdPattern pattern) => _partners[check].Prefetch(pattern);

    /// <summary>Starts a match: <paramref name="pattern"/> for the driver, <paramref name="checks"/> with the shared variable unset.</summary>
    public void Seek(in IdPattern pattern, IdPattern[] checks)
    {
        _patterns = checks;
        _listed = false;
        _driver.Seek(pattern);
    }

    public void Seek(in IdPattern pattern) => throw new InvalidOperationException("An intersection is sought with its check patterns.");

    public bool Next(out IdQuad quad)
    {
        while (_driver.Next(out quad))
        {
            _ctx.Tick();
            Read++;
            if (!_listed) List();
            var value = quad[_position];
            bool all = true;
            for (int j = 0; j < _partners.Length && all; j++)
                all = _partners[j].Contains(value, _patterns[j], _source);
            if (!all) continue;
            Kept++;
            return true;
        }
        return false;
    }

    private void List()
    {
        _listed = true;
        for (int j = 0; j < _partners.Length; j++)
        {
            Lists++;
            if (!_partners[j].Fill(_patterns[j], _source, _ctx)) Fallbacks++;
        }
    }

    public void Dispose()
    {
        _driver.Dispose();
        foreach (var p in _partners) p.Dispose();
    }

    /// <summary>One check pattern: its sorted list of values for the current seek, or point reads.</summary>
    private sealed class Partner(int position, long cap, KeyedLists? kept) : IDisposable
    {
        private IQuadCursor? _cursor;
        private NodeId[] _own = new NodeId[16];
        private NodeId[] _values = [];
        private int _count, _from;
        private NodeId _last;
        private bool _probing, _filled;
        private IdPattern _filledPattern;

        private static bool Same(in IdPattern a, in IdPattern b) =>
            a.HasSubject == b.HasSubject && a.HasPredicate == b.HasPredicate && a.HasObject == b.HasObject && a.Graph == b.Graph
            && (!a.HasSubject || a.Subject == b.Subject) && (!a.HasPredicate || a.Predicate == b.Predicate)
            && (!a.HasObject || a.Object == b.Object) && a.GraphName == b.GraphName;

        /// <summary>Reads the list; false when it passed the cap (then <see cref="Contains"/> reads points).</summary>
        public bool Fill(in IdPattern pattern, IEncodedQuadSource source, EvaluationContext ctx)
        {
            // Consecutive driver seeks often share a check list (the same course for several advisors).
            if (_filled && Same(pattern, _filledPattern))
            {
                _from = 0;
                _last = default;
                return !_probing;
            }
            _filled = true;
            _filledPattern = pattern;
            if (kept is not null && kept.ListFor(pattern, pattern.At(kept.KeyPosition)) is { } list)
            {
                _values = list;
                _count = list.Length;
                _from = 0;
                _probing = false;
                _last = default;
                return true;
            }
            _values = _own;
            _cursor ??= source.OpenCursor();
            _cursor.Seek(pattern);
            _count = _from = 0;
            _probing = false;
            bool sorted = true;
            while (_cursor.Next(out var quad))
            {
                ctx.Tick();
                if (_count >= cap)
                {
                    _probing = true;
                    return false;
                }
                var value = quad[position];
                if (_count > 0 && Compare(value, _values[_count - 1]) <= 0)
                {
                    // Equal values come from a quad repeated in several named graphs; a list is a set.
                    if (value == _values[_count - 1]) continue;
                    sorted = false;
                }
                if (_count == _own.Length)
                {
                    Array.Resize(ref _own, _count * 2);
                    _values = _own;
                }
                _values[_count++] = value;
            }
            if (!sorted) Array.Sort(_values, 0, _count, IdComparer.Instance);
            _last = default;
            return true;
        }

        public bool Contains(NodeId value, in IdPattern pattern, IEncodedQuadSource source)
        {
            if (_probing)
            {
                var point = pattern;
                switch (position)
                {
                    case 0: point.Subject = value; point.HasSubject = true; break;
                    case 1: point.Predicate = value; point.HasPredicate = true; break;
                    default: point.Object = value; point.HasObject = true; break;
                }
                _cursor!.Seek(point);
                return _cursor.Next(out _);
            }
            // Driver values usually come in id order too (from the same kind of index): search on from
            // the previous one; otherwise from the start.
            if (Compare(value, _last) < 0) _from = 0;
            _last = value;
            int lo = _from, hi = _count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                int c = Compare(_values[mid], value);
                if (c == 0)
                {
                    _from = mid;
                    return true;
                }
                if (c < 0) lo = mid + 1;
                else hi = mid - 1;
            }
            _from = lo;
            return false;
        }

        public bool Whole => kept is { Complete: true };

        public void Prefetch(in IdPattern pattern) => kept?.Prefetch(pattern);

        public bool ReadAhead => kept is { Prefetched: true };

        public bool Shared => kept is { Shared: true };

        public void Dispose()
        {
            _cursor?.Dispose();
            kept?.Dispose();
        }
    }

    /// <summary>Id order: the order of a store's keys (high word, then low word, unsigned).</summary>
    internal static int Compare(NodeId a, NodeId b)
    {
        int c = a.High.CompareTo(b.High);
        return c != 0 ? c : a.Low.CompareTo(b.Low);
    }

    private sealed class IdComparer : IComparer<NodeId>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(NodeId a, NodeId b) => IntersectionCursor.Compare(a, b);
    }
}
