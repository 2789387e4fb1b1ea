using System.Runtime.InteropServices;

namespace TripleStore.Storage;

/// <summary>
/// Sorts and de-duplicates any number of fixed-size id records (<see cref="TripleIds"/>, <see cref="QuadIds"/>)
/// in bounded memory: records collect in a fixed buffer; a full buffer is sorted and written to a run file;
/// reading merges the runs with the records still in memory. Inputs that fit in the buffer never touch the disk.
/// </summary>
/// <remarks>
/// With <c>spillInBackground</c> the capacity is split into two buffers: while one is sorted and written
/// on a thread of its own, the caller goes on filling the other, so a producer (the import's parsers)
/// does not stop for the sort. It spills twice as many runs of half the size, in the same memory.
/// The last buffer is never written: it is sorted in memory and merged with the runs.
/// </remarks>
internal sealed class ExternalSorter<T> : IDisposable where T : unmanaged
{
    private static readonly int RecordSize = Marshal.SizeOf<T>();
    private readonly string _directory;
    private readonly string _name;
    private readonly bool _background;
    private readonly int _bufferLength;
    private T[] _buffer;
    private int _count;
    private readonly List<string> _runs = [];
    // Background mode: the buffer the running spill writes (given back when it ends), and that spill.
    private T[]? _spare;
    private Task? _pendingSpill;
    // Set once the input ended: the buffer is sorted and its first _count records are distinct.
    private bool _finished;

    /// <param name="capacity">Records held in memory (both buffers together in background mode).</param>
    /// <param name="lazy">Allocate the buffer at the first record rather than now.</param>
    public ExternalSorter(string directory, string name, int capacity, bool spillInBackground = false, bool lazy = false)
    {
        _directory = directory;
        _name = name;
        _background = spillInBackground;
        int size = Math.Max(1024, capacity);
        _bufferLength = spillInBackground ? Math.Max(1024, size / 2) : size;
        _buffer = lazy ? [] : new T[_bufferLength];
    }

    public void Add(in T record)
    {
        if (_count == _buffer.Length)
        {
            if (_buffer.Length == 0) _buffer = new T[_bufferLength];
            else Spill();
        }
        _buffer[_count++] = record;
        Added++;
    }

    /// <summary>How many records were added, repeats included.</summary>
    public long Added { get; private set; }

    /// <summary>
    /// Ends the input: the records in memory are sorted (and kept for the merge), the running spill is
    /// awaited and the spare buffer released, so the merge holds only the last buffer and a block per run.
    /// </summary>
    public void FinishInput()
    {
        if (_finished) return;
        _finished = true;
        WaitForSpill();
        _spare = null;
        _count = IdRecords.SortDistinct(_buffer.AsSpan(0, _count));
        if (_count == 0) _buffer = [];
    }

    /// <summary>The bytes of the records held in memory, not spilled to a run.</summary>
    public long BytesInMemory => (long)_count * RecordSize;

    /// <summary>How many runs were written to disk.</summary>
    public int RunCount => _runs.Count;

    /// <summary>Sorted, distinct records. Call once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<T> ReadSorted(CancellationToken cancellation)
    {
        FinishInput();
        if (_runs.Count == 0)
        {
            for (int i = 0; i < _count; i++)
            {
                if ((i & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                yield return _buffer[i];
            }
            yield break;
        }
        var readers = _runs.Select(path => new RunReader(path)).ToList();
        if (_count > 0) readers.Add(new RunReader(_buffer, _count));
        foreach (var record in Merge(readers, cancellation)) yield return record;
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
        _buffer = _spare ?? new T[full.Length];
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

    private static void WriteRun(T[] buffer, int count, string path)
    {
        int distinct = IdRecords.SortDistinct(buffer.AsSpan(0, count));
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, distinct)));
    }

    private static IEnumerable<T> Merge(List<RunReader> readers, CancellationToken cancellation)
    {
        if (readers.Count <= LinearMergeLimit)
        {
            foreach (var record in MergeFew(readers, cancellation)) yield return record;
            yield break;
        }
        try
        {
            var queue = new PriorityQueue<RunReader, T>(readers.Count, new IdRecordComparer<T>());
            foreach (var reader in readers)
                if (reader.MoveNext()) queue.Enqueue(reader, reader.Current);
            bool any = false;
            T last = default;
            long produced = 0;
            while (queue.TryDequeue(out var reader, out var record))
            {
                if ((++produced & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                if (!any || !IdRecords.Equal(in record, in last))
                {
                    yield return record;
                    last = record;
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

    // Up to this many runs, picking the smallest head by a linear scan beats a heap.
    private const int LinearMergeLimit = 8;

    private static IEnumerable<T> MergeFew(List<RunReader> readers, CancellationToken cancellation)
    {
        try
        {
            var live = readers.Where(reader => reader.MoveNext()).ToList();
            bool any = false;
            T last = default;
            long produced = 0;
            while (live.Count > 0)
            {
                if ((++produced & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                int smallest = 0;
                for (int i = 1; i < live.Count; i++)
                    if (IdRecords.Compare(in live[i].Current, in live[smallest].Current) < 0) smallest = i;
                var reader = live[smallest];
                var record = reader.Current;
                if (!any || !IdRecords.Equal(in record, in last))
                {
                    yield return record;
                    last = record;
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
        _count = 0;
        foreach (var run in _runs) File.Delete(run);
        _runs.Clear();
    }

    /// <summary>Reads one run file back in blocks, or walks the sorted records still in memory.</summary>
    private sealed class RunReader : IDisposable
    {
        private readonly FileStream? _file;
        private readonly T[] _block;
        private int _position, _length;

        public RunReader(string path)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            _block = new T[(512 << 10) / RecordSize];
        }

        public RunReader(T[] records, int count)
        {
            _block = records;
            _length = count;
        }

        /// <summary>The record MoveNext reached; valid until the next MoveNext.</summary>
        public ref readonly T Current => ref _block[_position - 1];

        public bool MoveNext()
        {
            if (_position == _length)
            {
                if (_file is null) return false;
                var target = MemoryMarshal.AsBytes(_block.AsSpan());
                int bytes = _file.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
                _length = bytes / RecordSize;
                _position = 0;
                if (_length == 0) return false;
            }
            _position++;
            return true;
        }

        public void Dispose() => _file?.Dispose();
    }
}
