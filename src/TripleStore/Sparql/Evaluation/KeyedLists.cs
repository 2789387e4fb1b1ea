using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// For a pattern with two variable positions, a key and a value (everything else fixed for the run), the
/// sorted values per key, read once and kept: a check that closes a cycle asks for the same keys again
/// and again (in a triangle <c>?x memberOf ?z</c> after <c>?z subOrganizationOf ?y . ?x degreeFrom ?y</c>,
/// the same <c>?x</c> comes back for every department of its university), and a kept list answers each
/// repeat from memory instead of a random index read. Lists are read per key as they are asked for (one
/// seek plus the key's values); once the lists read cost as much as one scan of the whole pattern
/// (<paramref name="scanSize"/> matches, a seek counted as <see cref="BgpIntersection.MatchesPerSeek"/>
/// matches) and that scan fits in the memory limit, the whole pattern is read in one pass and every key
/// answered from it ("rent or buy": a wrong estimate costs at most twice the better choice). A key whose
/// list passes <paramref name="listCap"/> values, or any key once <paramref name="memoryCap"/> values are
/// kept, is not kept: <see cref="ListFor"/> then answers null and the caller reads points.
/// </summary>
internal sealed class KeyedLists : IDisposable
{
    private readonly int _keyPosition, _valuePosition;
    private readonly long _scanSize, _listCap, _memoryCap;
    private readonly IEncodedQuadSource _source;
    private readonly EvaluationContext _ctx;
    private Dictionary<NodeId, NodeId[]> _lists = new();
    private IQuadCursor? _cursor;
    private NodeId[] _buffer = new NodeId[16];
    private bool _complete, _scanFailed;
    private readonly bool _readAll;
    private double _spent;
    private long _kept;

    /// <param name="readAll">Read the whole pattern at the first request (the planner expects the lists to cost more than that scan).</param>
    public KeyedLists(int keyPosition, int valuePosition, long scanSize, long listCap, long memoryCap, IEncodedQuadSource source, EvaluationContext ctx, bool readAll = false)
    {
        _readAll = readAll;
        _keyPosition = keyPosition;
        _valuePosition = valuePosition;
        _scanSize = scanSize;
        _listCap = listCap;
        _memoryCap = memoryCap;
        _source = source;
        _ctx = ctx;
    }

    /// <summary>Lists read one key at a time, and whether the whole pattern was read at once (for EXPLAIN and tests).</summary>
    public long ListsRead { get; private set; }

    public bool Complete => _complete;

    private ISharedScanCache? SharedScans => _ctx.Options.SharedScans ? _source.SharedScans : null;

    /// <summary>Whether the lists came whole from the source's <see cref="ISharedScanCache"/> (an earlier query read them).</summary>
    public bool Shared { get; private set; }

    private bool _sharedChecked;

    // Layout numbers of ISharedScanCache entries: per-key sorted lists, by key and value position.
    private int SharedLayout => 1_000 + _keyPosition * 4 + _valuePosition;

    /// <summary>Takes the whole lists of <paramref name="scan"/> from the source's shared cache when an earlier query left them there.</summary>
    private bool TryShared(in IdPattern scan)
    {
        _sharedChecked = true;
        if (SharedScans is not { } cache || SharedScanKey.For(scan, SharedLayout) is not { } key) return false;
        if (!cache.TryGet(key, out var value) || value is not SharedLists shared || shared.Values > _memoryCap) return false;
        _lists = shared.Lists;
        _kept = shared.Values;
        _complete = true;
        Shared = true;
        return true;
    }

    /// <summary>A whole read's lists as kept in the shared cache: never changed once there.</summary>
    private sealed record SharedLists(Dictionary<NodeId, NodeId[]> Lists, long Values);

    public int KeyPosition => _keyPosition;

    /// <summary>
    /// The sorted values of <paramref name="key"/> for <paramref name="pattern"/> (its key position bound to
    /// <paramref name="key"/>, its value position free); null when the list is not kept (too long, or over
    /// the memory limit): the caller then reads points.
    /// </summary>
    public NodeId[]? ListFor(in IdPattern pattern, NodeId key)
    {
        if (_prefetch is not null && !_prefetchWaited)
        {
            // Nothing of the lists may be read before the other thread is done with them.
            _prefetchWaited = true;
            WaitForPrefetch();
        }
        if (_lists.TryGetValue(key, out var list)) return list;
        if (_complete) return [];
        if (!_sharedChecked && TryShared(ScanPattern(pattern))) return _lists.TryGetValue(key, out list) ? list : [];
        if (!_scanFailed && _scanSize <= _memoryCap && (_readAll || _spent + BgpIntersection.MatchesPerSeek > _scanSize))
        {
            ReadAll(pattern);
            if (_complete) return _lists.TryGetValue(key, out list) ? list : [];
        }
        return ReadOne(pattern, key);
    }

    private NodeId[]? ReadOne(in IdPattern pattern, NodeId key)
    {
        ListsRead++;
        _spent += BgpIntersection.MatchesPerSeek;
        (_cursor ??= _source.OpenCursor()).Seek(pattern);
        int count = 0;
        bool sorted = true;
        while (_cursor.Next(out var quad))
        {
            _ctx.Tick();
            _spent++;
            if (count >= _listCap) return null;
            var value = quad[_valuePosition];
            if (count > 0)
            {
                int c = IntersectionCursor.Compare(value, _buffer[count - 1]);
                // Equal values come from a quad repeated in several named graphs; a list is a set.
                if (c == 0) continue;
                if (c < 0) sorted = false;
            }
            if (count == _buffer.Length) Array.Resize(ref _buffer, count * 2);
            _buffer[count++] = value;
        }
        if (_kept + count > _memoryCap) return null;
        var list = _buffer.AsSpan(0, count).ToArray();
        if (!sorted) Sort(list);
        _lists[key] = list;
        _kept += count;
        return list;
    }

    /// <summary>Reads the whole pattern (key and value free) into per-key lists; leaves them as they were when it does not fit.</summary>
    private void ReadAll(in IdPattern pattern)
    {
        // A whole read started on another thread has been waited for (ListFor): it either completed or
        // failed (too large), and is not repeated here.
        if (_prefetch is not null) return;
        ReadAll(ScanPattern(pattern), _cursor ??= _source.OpenCursor(), CancellationToken.None);
    }

    /// <summary>The pattern with its key and value positions free: what a whole read scans.</summary>
    private IdPattern ScanPattern(in IdPattern pattern)
    {
        var scan = pattern;
        Free(ref scan, _keyPosition);
        Free(ref scan, _valuePosition);
        return scan;
    }

    private Task? _prefetch;
    private CancellationTokenSource? _prefetchStop;
    private bool _prefetchWaited;

    /// <summary>Whether a whole read was started on another thread (for tests).</summary>
    internal bool Prefetched => _prefetch is not null;

    /// <summary>
    /// Starts the whole read on another thread (<see cref="IEncodedQuadSource.ReadInBackground"/>), with a
    /// cursor of its own, so it overlaps the steps before the check (<see cref="BgpNode"/> starts it when the
    /// planner decided to read the check whole); nothing happens when the source cannot read in the background. <paramref name="pattern"/> must fix everything but the key and
    /// value positions. The first <see cref="ListFor"/> waits for it; <see cref="Dispose"/> stops it.
    /// </summary>
    public void Prefetch(in IdPattern pattern)
    {
        if (_prefetch is not null || _complete || _scanFailed || _scanSize > _memoryCap) return;
        var scan = ScanPattern(pattern);
        if (TryShared(scan)) return;
        var stop = new CancellationTokenSource();
        var task = _source.ReadInBackground(closing =>
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, closing);
            using var cursor = _source.OpenCursor();
            ReadAll(scan, cursor, either.Token);
        });
        if (task is null)
        {
            stop.Dispose();
            return;
        }
        _prefetchStop = stop;
        _prefetch = task;
    }

    /// <summary>Waits for the whole read; its errors (cancellation, timeout) surface here, on the query's thread.</summary>
    private void WaitForPrefetch()
    {
        _prefetch!.GetAwaiter().GetResult();
    }

    /// <summary>
    /// One pass over the pattern. A store's index gives the keys in runs (<c>?x p ?z</c> read in POS by
    /// <c>?z</c>, each run's values in order), so the values are gathered per run, with one dictionary
    /// entry per key rather than one lookup per match; a key met again later (another source's order) has
    /// its lists merged. Writes the lists only when the whole pattern fits.
    /// </summary>
    private void ReadAll(IdPattern scan, IQuadCursor cursor, CancellationToken stop)
    {
        if (!_sharedChecked && TryShared(scan)) return;
        var all = new Dictionary<NodeId, NodeId[]>();
        var run = new NodeId[16];
        int count = 0;
        bool sorted = true, any = false;
        NodeId current = default;
        long read = 0;
        cursor.Seek(scan);
        while (cursor.Next(out var quad))
        {
            _ctx.Tick();
            if (stop.IsCancellationRequested) return;
            if (++read > _memoryCap)
            {
                _scanFailed = true;
                return;
            }
            var key = quad[_keyPosition];
            if (!any || key != current)
            {
                if (any) Flush();
                current = key;
                any = true;
                count = 0;
                sorted = true;
            }
            var value = quad[_valuePosition];
            if (count > 0)
            {
                int c = IntersectionCursor.Compare(value, run[count - 1]);
                // Equal values come from a quad repeated in several named graphs; a list is a set.
                if (c == 0) continue;
                if (c < 0) sorted = false;
            }
            if (count == run.Length) Array.Resize(ref run, count * 2);
            run[count++] = value;
        }
        if (any) Flush();
        _lists = all;
        _kept = read;
        _complete = true;
        // An id and its array header and dictionary entry cost about 64 bytes per key beside 16 per value.
        if (SharedScans is { } cache && SharedScanKey.For(scan, SharedLayout) is { } sharedKey)
            cache.TryAdd(sharedKey, new SharedLists(all, read), read * 16 + all.Count * 64L);

        void Flush()
        {
            var list = run.AsSpan(0, count).ToArray();
            if (all.TryGetValue(current, out var earlier))
            {
                list = [.. earlier, .. list];
                sorted = false;
            }
            if (!sorted)
            {
                Sort(list);
                list = Dedupe(list);
            }
            all[current] = list;
        }
    }

    private static NodeId[] Dedupe(NodeId[] sorted)
    {
        int n = sorted.Length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] != sorted[n - 1]) sorted[n++] = sorted[i];
        return n == sorted.Length ? sorted : sorted[..n];
    }

    private static void Sort(NodeId[] list)
    {
        for (int i = 1; i < list.Length; i++)
            if (IntersectionCursor.Compare(list[i - 1], list[i]) > 0)
            {
                Array.Sort(list, (a, b) => IntersectionCursor.Compare(a, b));
                return;
            }
    }

    /// <summary>Clears position <paramref name="position"/> (0-2) of a pattern.</summary>
    internal static void Free(ref IdPattern pattern, int position)
    {
        switch (position)
        {
            case 0: pattern.HasSubject = false; break;
            case 1: pattern.HasPredicate = false; break;
            default: pattern.HasObject = false; break;
        }
    }

    /// <summary>Whether a sorted list holds <paramref name="value"/>.</summary>
    internal static bool Contains(NodeId[] list, NodeId value)
    {
        int lo = 0, hi = list.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = IntersectionCursor.Compare(list[mid], value);
            if (c == 0) return true;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return false;
    }

    public void Dispose()
    {
        if (_prefetch is not null)
        {
            // The read owns its cursor: it must be done before the snapshot under it goes away.
            _prefetchStop!.Cancel();
            try
            {
                _prefetch.Wait();
            }
            catch (AggregateException)
            {
                // Already reported to the query, or of no interest once the query is over.
            }
            _prefetchStop.Dispose();
        }
        _cursor?.Dispose();
    }
}

/// <summary>
/// An existence check with two variables bound by earlier steps, answered from <see cref="KeyedLists"/>
/// keyed on one of them (the planner picks the one with the shorter lists, see
/// <see cref="CheckMemoPlanner"/>). When the keys hardly repeat (fewer than half the first
/// <see cref="TrialSeeks"/> seeks answered from kept lists), it stops reading lists and reads points, as
/// an unmemoized check would.
/// </summary>
internal sealed class MemoCheckCursor : IQuadCursor
{
    /// <summary>
    /// Seeks after which the share of repeated keys is judged. Rows reach a check in the order of the
    /// outer steps' index scans, which is not the order of the keys' repeats (a university's departments
    /// are spread over the scan of all departments), so the trial is long enough for repeats to show.
    /// </summary>
    internal const int TrialSeeks = 2_048;

    private readonly KeyedLists _lists;
    private readonly int _keyPosition, _valuePosition;
    private readonly IEncodedQuadSource _source;
    private IQuadCursor? _points;
    private IdQuad _sought;
    private bool _hit, _probing, _pointRead;
    private long _seeks;

    public MemoCheckCursor(int keyPosition, int valuePosition, long scanSize, IEncodedQuadSource source, EvaluationContext ctx)
    {
        _keyPosition = keyPosition;
        _valuePosition = valuePosition;
        _source = source;
        _lists = new KeyedLists(keyPosition, valuePosition, scanSize, listCap: 4_096, memoryCap: ctx.Options.MaxRowsInMemory, source, ctx);
    }

    /// <summary>Whether it gave up on kept lists (keys did not repeat); for EXPLAIN.</summary>
    public bool Probing => _probing;

    public KeyedLists Lists => _lists;

    public long Seeks => _seeks;

    public void Seek(in IdPattern pattern)
    {
        _seeks++;
        _pointRead = false;
        var key = pattern.At(_keyPosition);
        var value = pattern.At(_valuePosition);
        _sought = new IdQuad(pattern.Subject, pattern.Predicate, pattern.Object, pattern.Graph == GraphSelectorKind.NamedGraph ? pattern.GraphName : NodeId.DefaultGraph);
        if (!_probing && _seeks == TrialSeeks && !_lists.Complete && _lists.ListsRead > TrialSeeks / 2) _probing = true;
        NodeId[]? list;
        if (_probing)
        {
            list = null;
        }
        else
        {
            var listPattern = pattern;
            KeyedLists.Free(ref listPattern, _valuePosition);
            list = _lists.ListFor(listPattern, key);
        }
        if (list is not null)
        {
            _hit = KeyedLists.Contains(list, value);
            return;
        }
        _pointRead = true;
        (_points ??= _source.OpenCursor()).Seek(pattern);
    }

    public bool Next(out IdQuad quad)
    {
        if (_pointRead)
        {
            _pointRead = false;
            bool found = _points!.Next(out _);
            quad = _sought;
            return found;
        }
        quad = _sought;
        bool hit = _hit;
        _hit = false;
        return hit;
    }

    public void Dispose()
    {
        _lists.Dispose();
        _points?.Dispose();
    }
}

internal static class IdPatternPositions
{
    /// <summary>The id at position (0-2) of a pattern.</summary>
    internal static NodeId At(this in IdPattern pattern, int position) => position switch
    {
        0 => pattern.Subject,
        1 => pattern.Predicate,
        _ => pattern.Object,
    };
}
