using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// The leading steps of a BGP joined by a streaming merge instead of index lookups: every step's pattern
/// is scanned in the order of the one variable they share (a leapfrog intersection). The cursor that is
/// behind skips ahead to the value the others are on, first by reading a few keys (dense ranges), then
/// by a seek, so a selective side skips over the other's range and k patterns of a star intersect in one
/// pass. At each value all share, the matches of each step with that value (its run) are gathered, and the
/// join's depth-first loop reads them through <see cref="Lead"/> (depth 0) and <see cref="Run"/> (the other
/// depths), as it would read index lookups; the steps share no other variable, so their runs combine as a
/// cross product. The intersection advances only when depth 0 asks for more, so LIMIT stops the scans.
/// </summary>
internal sealed class MergeGroup : IDisposable
{
    /// <summary>Keys read one by one before a lagging cursor seeks instead (a seek costs about ten reads).</summary>
    private const int ReadsBeforeSeek = 4;

    private readonly IOrderedQuadCursor[] _cursors;
    private readonly IdPattern[] _patterns;
    private readonly int[] _positions;
    private readonly EvaluationContext _ctx;
    private readonly IdQuad[] _heads;
    private readonly List<IdQuad>[] _runs;
    private bool _started, _done, _last;

    public MergeGroup(IOrderedQuadCursor[] cursors, IdPattern[] patterns, int[] positions, EvaluationContext ctx)
    {
        _cursors = cursors;
        _patterns = patterns;
        _positions = positions;
        _ctx = ctx;
        _heads = new IdQuad[cursors.Length];
        _runs = new List<IdQuad>[cursors.Length];
        for (int i = 0; i < _runs.Length; i++) _runs[i] = new List<IdQuad>(1);
        Lead = new LeadCursor(this);
    }

    /// <summary>Values found in every step's range in the last run.</summary>
    public long Matches { get; private set; }

    /// <summary>Rows the group produced in the last run (the sum over values of the product of run lengths).</summary>
    public long Rows { get; private set; }

    /// <summary>Keys read and seeks made in the last run, for EXPLAIN.</summary>
    public long Reads { get; private set; }

    public long Seeks { get; private set; }

    public IQuadCursor Lead { get; }

    public IQuadCursor Run(int depth) => new RunCursor(_runs[depth]);

    private NodeId KeyOf(int i) => _heads[i][_positions[i]];

    private void Restart()
    {
        _started = true;
        _done = _last = false;
        Matches = Rows = Reads = Seeks = 0;
        for (int i = 0; i < _cursors.Length; i++)
        {
            _cursors[i].Seek(_patterns[i]);
            Seeks++;
            if (!_cursors[i].Next(out _heads[i]))
            {
                _done = true;
                return;
            }
            Reads++;
        }
    }

    /// <summary>Moves to the next value every step's range holds and gathers the runs; false when there is none.</summary>
    private bool Advance()
    {
        if (!_started) Restart();
        if (_done || _last)
        {
            _done = true;
            return false;
        }
        int n = _cursors.Length;
        while (true)
        {
            var max = KeyOf(0);
            for (int i = 1; i < n; i++)
                if (NodeIdOrder.Compare(KeyOf(i), max) > 0) max = KeyOf(i);
            bool aligned = true;
            for (int i = 0; i < n; i++)
            {
                if (NodeIdOrder.Compare(KeyOf(i), max) >= 0) continue;
                if (!MoveTo(i, max))
                {
                    _done = true;
                    return false;
                }
                if (NodeIdOrder.Compare(KeyOf(i), max) > 0)
                {
                    aligned = false;
                    break;
                }
            }
            if (aligned) break;
        }
        var value = KeyOf(0);
        long rows = 1;
        for (int i = 0; i < n; i++)
        {
            var run = _runs[i];
            run.Clear();
            run.Add(_heads[i]);
            while (true)
            {
                if (!_cursors[i].Next(out var quad))
                {
                    // This range is used up: the current value is the last one all share.
                    _last = true;
                    break;
                }
                Reads++;
                if (quad[_positions[i]] != value)
                {
                    _heads[i] = quad;
                    break;
                }
                run.Add(quad);
            }
            rows *= run.Count;
        }
        Matches++;
        Rows += rows;
        return true;
    }

    /// <summary>Moves cursor <paramref name="i"/> to its first match at or after <paramref name="target"/>.</summary>
    private bool MoveTo(int i, NodeId target)
    {
        for (int r = 0; r < ReadsBeforeSeek; r++)
        {
            _ctx.Tick();
            if (!_cursors[i].Next(out _heads[i])) return false;
            Reads++;
            if (NodeIdOrder.Compare(KeyOf(i), target) >= 0) return true;
        }
        _ctx.Tick();
        _cursors[i].SeekFrom(_patterns[i], _positions[i], target);
        Seeks++;
        if (!_cursors[i].Next(out _heads[i])) return false;
        Reads++;
        return true;
    }

    public void Dispose()
    {
        foreach (var c in _cursors) c.Dispose();
    }

    /// <summary>Depth 0: the runs of the first step, then the next shared value.</summary>
    private sealed class LeadCursor(MergeGroup group) : IQuadCursor
    {
        private int _at;

        public void Seek(in IdPattern pattern)
        {
            group._started = false;
            group._runs[0].Clear();
            _at = 0;
        }

        public bool Next(out IdQuad quad)
        {
            var run = group._runs[0];
            if (_at >= run.Count)
            {
                if (!group.Advance())
                {
                    quad = default;
                    return false;
                }
                _at = 0;
            }
            quad = run[_at++];
            return true;
        }

        public void Dispose() => group.Dispose();
    }

    /// <summary>A later depth: replays its step's run for the current value, once per row of the depth before.</summary>
    private sealed class RunCursor(List<IdQuad> run) : IQuadCursor
    {
        private int _at;

        public void Seek(in IdPattern pattern) => _at = 0;

        public bool Next(out IdQuad quad)
        {
            if (_at >= run.Count)
            {
                quad = default;
                return false;
            }
            quad = run[_at++];
            return true;
        }

        public void Dispose()
        {
        }
    }
}
