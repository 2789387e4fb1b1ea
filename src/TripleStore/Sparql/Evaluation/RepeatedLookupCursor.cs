using TripleStore.Dataset;

namespace TripleStore.Sparql.Evaluation;

/// <summary>
/// A lookup step that keeps the matches it read per lookup and replays them when the same lookup comes
/// again, instead of seeking the source once more. A step repeats its lookups when the variable it is
/// sought by has fewer values than the rows reaching it: in LUBM Q2, <c>?x undergraduateDegreeFrom ?y</c>
/// is sought once per department, but the departments belong to ten universities. Each seek of a store
/// costs a search of the index in every column family it may match in, a kept list a dictionary probe.
/// Only lists read to their end are kept (a join that stops early leaves a partial list, which is
/// dropped), a list longer than <see cref="ListCap"/> is not kept, and all lists together hold at most
/// the given number of matches. When the first <see cref="TrialSeeks"/> lookups repeat less than one time
/// in <see cref="MinRepeatShare"/>, the lists are dropped and every lookup goes to the source: a step whose
/// keys never repeat then costs only the trial's copies.
/// </summary>
internal sealed class RepeatedLookupCursor : IQuadCursor
{
    internal const int TrialSeeks = 1_024;

    internal const int MinRepeatShare = 8;

    internal const int ListCap = 4_096;

    private readonly IQuadCursor _inner;
    private readonly long _memoryCap;
    private readonly bool _forced;
    private Dictionary<Lookup, IdQuad[]>? _kept = new();
    private readonly List<IdQuad> _reading = new();
    private long _keptMatches;
    private Lookup _current;
    private bool _recording, _overflow;
    private IdQuad[]? _replay;
    private int _at;

    /// <param name="inner">The source's cursor the lookups go to.</param>
    /// <param name="memoryCap">The most matches all kept lists hold together.</param>
    /// <param name="forced">Keep lists whatever the trial shows (tests).</param>
    public RepeatedLookupCursor(IQuadCursor inner, long memoryCap, bool forced = false)
    {
        _inner = inner;
        _memoryCap = memoryCap;
        _forced = forced;
    }

    /// <summary>Lookups made in the last run, and how many of them were answered from kept lists (for EXPLAIN).</summary>
    public long Seeks { get; private set; }

    public long Replays { get; private set; }

    /// <summary>Whether the lists were dropped because lookups did not repeat.</summary>
    public bool GaveUp => _kept is null;

    public void Seek(in IdPattern pattern)
    {
        Seeks++;
        _replay = null;
        _recording = false;
        if (_kept is not null && !_forced && Seeks == TrialSeeks && Replays * MinRepeatShare < Seeks)
        {
            _kept = null;
            _reading.Clear();
        }
        // Object ranges are a per-row hint computed from other values: such lookups are not kept.
        if (_kept is null || pattern.ObjectRanges is not null)
        {
            _inner.Seek(pattern);
            return;
        }
        _current = new Lookup(pattern);
        if (_kept.TryGetValue(_current, out var list))
        {
            Replays++;
            _replay = list;
            _at = 0;
            return;
        }
        _inner.Seek(pattern);
        _recording = true;
        _overflow = false;
        _reading.Clear();
    }

    public bool Next(out IdQuad quad)
    {
        if (_replay is not null)
        {
            if (_at < _replay.Length)
            {
                quad = _replay[_at++];
                return true;
            }
            quad = default;
            return false;
        }
        if (_inner.Next(out quad))
        {
            if (_recording && !_overflow)
            {
                if (_reading.Count < ListCap) _reading.Add(quad);
                else _overflow = true;
            }
            return true;
        }
        if (_recording)
        {
            _recording = false;
            if (!_overflow && _keptMatches + _reading.Count <= _memoryCap)
            {
                _kept![_current] = _reading.Count == 0 ? [] : _reading.ToArray();
                _keptMatches += _reading.Count;
            }
            _reading.Clear();
        }
        return false;
    }

    public void Dispose() => _inner.Dispose();

    /// <summary>The bound part of a lookup: what its matches depend on.</summary>
    private readonly record struct Lookup(NodeId Subject, NodeId Predicate, NodeId Object, NodeId GraphName, int Shape)
    {
        public Lookup(in IdPattern p) : this(
            p.HasSubject ? p.Subject : default, p.HasPredicate ? p.Predicate : default, p.HasObject ? p.Object : default,
            p.Graph == GraphSelectorKind.NamedGraph ? p.GraphName : default,
            (p.HasSubject ? 1 : 0) | (p.HasPredicate ? 2 : 0) | (p.HasObject ? 4 : 0) | ((int)p.Graph << 3))
        {
        }
    }
}
