using System.Runtime.InteropServices;

namespace TripleStore.Storage;

/// <summary>
/// Sorts and de-duplicates any number of <see cref="QuadIds"/> in bounded memory: records collect in a
/// fixed buffer; a full buffer is sorted and written to a run file; reading merges the runs. Inputs that
/// fit in the buffer never touch the disk.
/// </summary>
/// <remarks>
/// With <c>spillInBackground</c> the capacity is split into two buffers: while one is sorted and written
/// on a thread of its own, the caller goes on filling the other, so a producer (the import's parsers)
/// does not stop for the sort. It spills twice as many runs of half the size, in the same memory.
/// </remarks>
internal sealed class ExternalQuadSorter : IDisposable
{
    private static readonly int RecordSize = Marshal.SizeOf<QuadIds>();
    private readonly string _directory;
    private readonly string _name;
    private readonly bool _background;
    private QuadIds[] _buffer;
    private int _count;
    private readonly List<string> _runs = [];
    // Background mode: the buffer the running spill writes (given back when it ends), and that spill.
    private QuadIds[]? _spare;
    private Task? _pendingSpill;

    public ExternalQuadSorter(string directory, string name, int capacity, bool spillInBackground = false)
    {
        _directory = directory;
        _name = name;
        _background = spillInBackground;
        int size = Math.Max(1024, capacity);
        _buffer = new QuadIds[spillInBackground ? Math.Max(1024, size / 2) : size];
    }

    public void Add(in QuadIds quad)
    {
        if (_count == _buffer.Length) Spill();
        _buffer[_count++] = quad;
        Added++;
        if (quad[0] == TermId.DefaultGraph) AddedWithDefaultGraphFirst++;
    }

    /// <summary>How many records were added, repeats included.</summary>
    public long Added { get; private set; }

    /// <summary>
    /// How many of them lead with the default graph's id (in the canonical g, s, p, o layout: the
    /// default graph's triples), repeats included; the import sizes its index builders from it.
    /// </summary>
    public long AddedWithDefaultGraphFirst { get; private set; }

    /// <summary>
    /// Ends the input: if runs were spilled, the rest is spilled too and the buffer released, so the
    /// merge holds only a block per run.
    /// </summary>
    public void FinishInput()
    {
        if (_runs.Count == 0) return;
        if (_count > 0) Spill();
        WaitForSpill();
        _buffer = [];
        _spare = null;
    }

    /// <summary>The bytes of the records held in memory, not yet spilled to a run.</summary>
    public long BytesInMemory => (long)_count * RecordSize;

    /// <summary>Sorted, distinct records. Call once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<QuadIds> ReadSorted(CancellationToken cancellation)
    {
        if (_runs.Count == 0)
        {
            int distinct = SortDistinct(_buffer.AsSpan(0, _count));
            for (int i = 0; i < distinct; i++)
            {
                if ((i & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                yield return _buffer[i];
            }
            yield break;
        }
        if (_count > 0) Spill();
        WaitForSpill();
        _buffer = [];
        _spare = null;
        foreach (var quad in Merge(cancellation)) yield return quad;
    }

    /// <summary>Sorts the records and moves the distinct ones to the front; returns how many there are.</summary>
    private static int SortDistinct(Span<QuadIds> span)
    {
        QuadIdsSorter.Sort(span);
        if (span.IsEmpty) return 0;
        int write = 1;
        for (int read = 1; read < span.Length; read++)
            if (!span[read].Equals(span[write - 1])) span[write++] = span[read];
        return write;
    }

    private void Spill()
    {
        string path = Path.Combine(_directory, $"{_name}-{_runs.Count}.run");
        if (!_background)
        {
            WriteRun(_buffer, _count, path);
            _runs.Add(path);
            _count = 0;
            return;
        }
        // One spill at a time: the buffer it writes is the one filled next.
        WaitForSpill();
        var full = _buffer;
        int count = _count;
        _runs.Add(path);
        _buffer = _spare ?? new QuadIds[full.Length];
        _spare = null;
        _count = 0;
        _pendingSpill = Task.Factory.StartNew(() =>
        {
            WriteRun(full, count, path);
            _spare = full;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits for the background spill, if one runs, and rethrows its failure.</summary>
    private void WaitForSpill()
    {
        var pending = _pendingSpill;
        if (pending is null) return;
        _pendingSpill = null;
        pending.GetAwaiter().GetResult();
    }

    private static void WriteRun(QuadIds[] buffer, int count, string path)
    {
        int distinct = SortDistinct(buffer.AsSpan(0, count));
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, distinct)));
    }

    private IEnumerable<QuadIds> Merge(CancellationToken cancellation)
    {
        var readers = _runs.Select(path => new RunReader(path)).ToList();
        if (readers.Count <= LinearMergeLimit)
        {
            foreach (var quad in MergeFew(readers, cancellation)) yield return quad;
            yield break;
        }
        try
        {
            var queue = new PriorityQueue<RunReader, QuadIds>(readers.Count, new QuadIdsComparer());
            foreach (var reader in readers)
                if (reader.MoveNext()) queue.Enqueue(reader, reader.Current);
            bool any = false;
            QuadIds last = default;
            long produced = 0;
            while (queue.TryDequeue(out var reader, out var quad))
            {
                if ((++produced & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                if (!any || !quad.Equals(last))
                {
                    yield return quad;
                    last = quad;
                    any = true;
                }
                if (reader.MoveNext()) queue.Enqueue(reader, reader.Current);
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    // Up to this many runs, picking the smallest head by a linear scan beats a heap of 64-byte records.
    private const int LinearMergeLimit = 8;

    private static IEnumerable<QuadIds> MergeFew(List<RunReader> readers, CancellationToken cancellation)
    {
        try
        {
            var live = readers.Where(reader => reader.MoveNext()).ToList();
            bool any = false;
            QuadIds last = default;
            long produced = 0;
            while (live.Count > 0)
            {
                if ((++produced & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                int smallest = 0;
                for (int i = 1; i < live.Count; i++)
                    if (QuadIds.Compare(live[i].Current, live[smallest].Current) < 0) smallest = i;
                var reader = live[smallest];
                var quad = reader.Current;
                if (!any || !quad.Equals(last))
                {
                    yield return quad;
                    last = quad;
                    any = true;
                }
                if (!reader.MoveNext()) live.RemoveAt(smallest);
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    public void Dispose()
    {
        // A spill still writing would recreate its file after the delete: let it end first.
        try { WaitForSpill(); } catch (Exception) { }
        _buffer = [];
        _spare = null;
        foreach (var run in _runs) File.Delete(run);
        _runs.Clear();
    }

    /// <summary>Reads one run file back in blocks.</summary>
    private sealed class RunReader : IDisposable
    {
        private readonly FileStream _file;
        private readonly QuadIds[] _block = new QuadIds[8192];
        private int _position, _length;

        public RunReader(string path) =>
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

        /// <summary>The record MoveNext reached; valid until the next MoveNext.</summary>
        public ref readonly QuadIds Current => ref _block[_position - 1];

        public bool MoveNext()
        {
            if (_position == _length)
            {
                var target = MemoryMarshal.AsBytes(_block.AsSpan());
                int bytes = _file.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
                _length = bytes / RecordSize;
                _position = 0;
                if (_length == 0) return false;
            }
            _position++;
            return true;
        }

        public void Dispose() => _file.Dispose();
    }
}
