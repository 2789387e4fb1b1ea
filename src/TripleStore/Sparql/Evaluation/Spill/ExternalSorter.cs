namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// An external merge sort of <see cref="SpillRecord"/>s: records are buffered up to the operator's row
/// limit, each full buffer is sorted and written as a run, and the runs are merged k ways (in several
/// passes when there are more than <see cref="FanIn"/> of them) as the sorted records are read. With no
/// run written, the records are sorted in memory. Disposing deletes every run.
/// </summary>
internal sealed class ExternalSorter : IDisposable
{
    /// <summary>Runs merged at once: bounds open files and read buffers (64 KiB each).</summary>
    internal const int FanIn = 64;

    private readonly EvaluationContext _ctx;
    private readonly SpillSpace _space;
    private readonly IComparer<SpillRecord> _comparer;
    private readonly string _operatorName;
    private readonly long _capacity;
    private readonly List<SpillRecord> _buffer = new();
    private readonly List<SpillFile> _runs = new();

    public ExternalSorter(EvaluationContext ctx, SpillSpace space, IComparer<SpillRecord> comparer, string operatorName, long capacity)
    {
        _ctx = ctx;
        _space = space;
        _comparer = comparer;
        _operatorName = operatorName;
        _capacity = Math.Max(1, capacity);
    }

    /// <summary>Runs written so far.</summary>
    public int RunCount => _runs.Count;

    public void Add(in SpillRecord record)
    {
        _buffer.Add(record);
        if (_buffer.Count >= _capacity) WriteRun();
    }

    private void WriteRun()
    {
        _buffer.Sort(_comparer);
        var run = _space.Create(_operatorName);
        _runs.Add(run);
        foreach (var r in _buffer)
        {
            _ctx.Tick();
            run.Write(r);
        }
        run.Complete();
        _buffer.Clear();
    }

    /// <summary>The records in order. Read once.</summary>
    public IEnumerable<SpillRecord> Sorted()
    {
        if (_runs.Count == 0)
        {
            _buffer.Sort(_comparer);
            foreach (var r in _buffer) yield return r;
            _buffer.Clear();
            yield break;
        }
        if (_buffer.Count > 0) WriteRun();
        // Intermediate passes merge the oldest runs into one until a single pass can take them all.
        while (_runs.Count > FanIn)
        {
            var group = _runs.GetRange(0, FanIn);
            var merged = _space.Create(_operatorName);
            try
            {
                foreach (var r in Merge(group)) merged.Write(r);
                merged.Complete();
            }
            catch
            {
                merged.Dispose();
                throw;
            }
            foreach (var run in group) run.Dispose();
            _runs.RemoveRange(0, FanIn);
            _runs.Add(merged);
        }
        foreach (var r in Merge(_runs)) yield return r;
    }

    private IEnumerable<SpillRecord> Merge(List<SpillFile> runs)
    {
        var readers = new List<IEnumerator<SpillRecord>>(runs.Count);
        try
        {
            var queue = new PriorityQueue<int, SpillRecord>(runs.Count, _comparer);
            foreach (var run in runs)
            {
                var reader = run.Read().GetEnumerator();
                readers.Add(reader);
                if (reader.MoveNext()) queue.Enqueue(readers.Count - 1, reader.Current);
            }
            while (queue.TryDequeue(out int i, out var record))
            {
                _ctx.Tick();
                yield return record;
                if (readers[i].MoveNext()) queue.Enqueue(i, readers[i].Current);
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var run in _runs) run.Dispose();
        _runs.Clear();
        _buffer.Clear();
    }
}
