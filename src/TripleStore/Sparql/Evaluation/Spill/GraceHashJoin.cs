using TripleStore.Rdf;
using TripleStore.Sparql.Evaluation.Operators;

namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// The hash joins' build side past <see cref="QueryOptions.MaxRowsInMemory"/>: a grace hash join.
/// Both sides go to disk, rows whose key variables are all bound split into partitions by a hash of the
/// key; each pair of partitions is joined with an in-memory table of the right one, split again with
/// another hash when it is still too big, and read in chunks of the row limit when it cannot be split
/// (one key value too common). Rows missing a key value meet every row of the other side, chunk by
/// chunk, as they do in memory. Matches are sorted back into the in-memory order: left input order,
/// then the order the in-memory table would probe them in (same-key rows, then rows missing a key, each
/// in right input order). So the output is the same as in memory, order included.
/// </summary>
internal sealed class GraceHashJoin : IDisposable
{
    private const int MaxPartitions = 64;
    private const int MaxLevels = 3;
    private const int FirstPartitions = 16;

    private readonly EvaluationContext _ctx;
    private readonly SpillSpace _space;
    private readonly int[] _keySlots;
    private readonly string _operator;
    private readonly long _limit;
    private readonly List<SpillFile> _rightParts = new();
    private SpillFile? _rightPartial;
    private long _rightCount;
    private int _partitions;

    private GraceHashJoin(EvaluationContext ctx, SpillSpace space, int[] keySlots, string operatorName)
    {
        _ctx = ctx;
        _space = space;
        _keySlots = keySlots;
        _operator = operatorName;
        _limit = Math.Max(1, ctx.Options.MaxRowsInMemory);
    }

    /// <summary>
    /// Reads the build side: an in-memory table when it holds at most the row limit, otherwise null and the
    /// rows on disk in <paramref name="spilled"/> (or <see cref="ErrorCodes.LimitExceeded"/> when spilling is off).
    /// </summary>
    public static HashTable? Build(IEnumerable<Term?[]> rows, int[] keySlots, EvaluationContext ctx, string operatorName, out GraceHashJoin? spilled)
    {
        spilled = null;
        long limit = ctx.Options.MaxRowsInMemory;
        var held = new List<Term?[]>();
        using var e = rows.GetEnumerator();
        while (e.MoveNext())
        {
            ctx.Tick();
            held.Add(e.Current);
            if (held.Count <= limit) continue;
            var join = new GraceHashJoin(ctx, ctx.SpillOrFail(held.Count, operatorName), keySlots, operatorName);
            try
            {
                join.Partition(held, e);
            }
            catch
            {
                join.Dispose();
                throw;
            }
            spilled = join;
            return null;
        }
        return HashTable.Build(held, keySlots, ctx, operatorName);
    }

    private bool Complete(Term?[] row)
    {
        if (_keySlots.Length == 0) return false;
        foreach (var s in _keySlots) if (row[s] is null) return false;
        return true;
    }

    private int PartitionOf(Term?[] row, int level, int partitions) =>
        (int)((uint)HashCode.Combine(RowKey.Of(row, _keySlots).GetHashCode(), level) % (uint)partitions);

    private void Partition(List<Term?[]> held, IEnumerator<Term?[]> rest)
    {
        // The total is not known yet; partitions still too big are split again when joined.
        _partitions = FirstPartitions;
        for (int i = 0; i < _partitions; i++) _rightParts.Add(_space.Create(_operator));
        _rightPartial = _space.Create(_operator);
        foreach (var r in held) AddRight(r);
        held.Clear();
        while (rest.MoveNext())
        {
            _ctx.Tick();
            AddRight(rest.Current);
        }
        foreach (var f in _rightParts) f.Complete();
        _rightPartial.Complete();
    }

    private void AddRight(Term?[] row)
    {
        long seq = _rightCount++;
        var record = new SpillRecord(seq, Array.Empty<Term?>(), row);
        if (Complete(row)) _rightParts[PartitionOf(row, 0, _partitions)].Write(record);
        else _rightPartial!.Write(record);
    }

    /// <summary>
    /// Joins the left rows with the spilled right side. <paramref name="match"/> gives the output of a
    /// compatible pair (null when the pair does not match, e.g. an OPTIONAL filter fails).
    /// </summary>
    public IEnumerable<Term?[]> Run(IEnumerable<Term?[]> left, JoinMode mode, Func<Term?[], Term?[], Term?[]?> match)
    {
        var leftParts = new List<SpillFile>();
        SpillFile? leftAll = null, leftPartial = null;
        ExternalSorter? matches = null;
        try
        {
            for (int i = 0; i < _partitions; i++) leftParts.Add(_space.Create(_operator));
            leftPartial = _space.Create(_operator);
            // Every left row in input order, for OPTIONAL and MINUS to find the rows that matched nothing.
            leftAll = _space.Create(_operator);
            long seq = 0;
            foreach (var l in left)
            {
                _ctx.Tick();
                var record = new SpillRecord(seq++, Array.Empty<Term?>(), l);
                leftAll.Write(record);
                if (Complete(l)) leftParts[PartitionOf(l, 0, _partitions)].Write(record);
                else leftPartial.Write(record);
            }
            leftAll.Complete();
            leftPartial.Complete();
            foreach (var f in leftParts) f.Complete();

            var order = Comparer<SpillRecord>.Create((a, b) => a.Seq != b.Seq ? a.Seq.CompareTo(b.Seq) : a.Tie.CompareTo(b.Tie));
            matches = new ExternalSorter(_ctx, _space, order, _operator, _limit);
            var sink = matches;
            void Emit(SpillRecord l, SpillRecord r, long rank)
            {
                _ctx.Tick();
                if (!Rows.Compatible(l.Row, r.Row) || match(l.Row, r.Row) is not { } output) return;
                sink.Add(new SpillRecord(l.Seq, Array.Empty<Term?>(), mode == JoinMode.Anti ? Array.Empty<Term?>() : output, rank));
            }

            // Same key on both sides, partition by partition.
            for (int i = 0; i < _partitions; i++)
            {
                JoinPartition(leftParts[i], _rightParts[i], 0, (l, r) => Emit(l, r, r.Seq));
                leftParts[i].Dispose();
            }
            // Left rows with a full key meet the right rows missing one, after their same-key matches.
            foreach (var chunk in Chunks(_rightPartial!.Read()))
                foreach (var l in leftAll.Read())
                    if (Complete(l.Row))
                        foreach (var r in chunk)
                            Emit(l, r, _rightCount + r.Seq);
            // Left rows missing a key value meet every right row, in right input order.
            if (leftPartial.Count > 0)
                foreach (var chunk in Chunks(_rightParts.Append(_rightPartial!).SelectMany(f => f.Read())))
                    foreach (var l in leftPartial.Read())
                        foreach (var r in chunk)
                            Emit(l, r, r.Seq);
            leftPartial.Dispose();

            if (mode == JoinMode.Inner)
            {
                leftAll.Dispose();
                foreach (var m in matches.Sorted()) yield return m.Row;
                yield break;
            }
            using var found = matches.Sorted().GetEnumerator();
            bool more = found.MoveNext();
            foreach (var l in leftAll.Read())
            {
                bool matched = false;
                while (more && found.Current.Seq == l.Seq)
                {
                    matched = true;
                    if (mode == JoinMode.Optional) yield return found.Current.Row;
                    more = found.MoveNext();
                }
                if (!matched) yield return l.Row;
            }
        }
        finally
        {
            foreach (var f in leftParts) f.Dispose();
            leftAll?.Dispose();
            leftPartial?.Dispose();
            matches?.Dispose();
        }
    }

    /// <summary>Joins the same-key rows of one partition pair, splitting it again while it is too big.</summary>
    private void JoinPartition(SpillFile left, SpillFile right, int level, Action<SpillRecord, SpillRecord> emit)
    {
        if (left.Count == 0 || right.Count == 0) return;
        if (right.Count > _limit && level < MaxLevels)
        {
            var lefts = new List<SpillFile>();
            var rights = new List<SpillFile>();
            try
            {
                int partitions = (int)Math.Clamp(4 * (right.Count / _limit + 1), 2, MaxPartitions);
                for (int i = 0; i < partitions; i++)
                {
                    lefts.Add(_space.Create(_operator));
                    rights.Add(_space.Create(_operator));
                }
                foreach (var r in right.Read()) rights[PartitionOf(r.Row, level + 1, partitions)].Write(r);
                foreach (var l in left.Read()) lefts[PartitionOf(l.Row, level + 1, partitions)].Write(l);
                for (int i = 0; i < partitions; i++)
                {
                    lefts[i].Complete();
                    rights[i].Complete();
                    JoinPartition(lefts[i], rights[i], level + 1, emit);
                    lefts[i].Dispose();
                    rights[i].Dispose();
                }
            }
            finally
            {
                foreach (var f in lefts) f.Dispose();
                foreach (var f in rights) f.Dispose();
            }
            return;
        }
        // Fits (or is one key too common to split): a table per chunk of the right rows, the left streamed past each.
        foreach (var chunk in Chunks(right.Read()))
        {
            var table = new Dictionary<RowKey, List<SpillRecord>>();
            foreach (var r in chunk)
            {
                var key = RowKey.Of(r.Row, _keySlots);
                if (!table.TryGetValue(key, out var bucket)) table[key] = bucket = new List<SpillRecord>();
                bucket.Add(r);
            }
            foreach (var l in left.Read())
                if (table.TryGetValue(RowKey.Of(l.Row, _keySlots), out var bucket))
                    foreach (var r in bucket) emit(l, r);
        }
    }

    /// <summary>The records in lists of at most the row limit.</summary>
    private IEnumerable<List<SpillRecord>> Chunks(IEnumerable<SpillRecord> records)
    {
        var chunk = new List<SpillRecord>();
        foreach (var r in records)
        {
            chunk.Add(r);
            if (chunk.Count >= _limit)
            {
                yield return chunk;
                chunk = new List<SpillRecord>();
            }
        }
        if (chunk.Count > 0) yield return chunk;
    }

    public void Dispose()
    {
        foreach (var f in _rightParts) f.Dispose();
        _rightParts.Clear();
        _rightPartial?.Dispose();
    }
}
