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
    public IEnumerable<T> ReadSorted(CancellationToken cancellation) => ReadSorted(cancellation, null, null);

    /// <summary>
    /// The sorted, distinct records r with <paramref name="from"/> &lt;= r &lt; <paramref name="to"/> (null: no
    /// bound). After the last <see cref="Add"/>; disjoint ranges may be read at the same time on several threads.
    /// </summary>
    public IEnumerable<T> ReadSorted(CancellationToken cancellation, T? from, T? to)
    {
        FinishInput();
        int start = from is { } f ? LowerBound(_buffer.AsSpan(0, _count), f) : 0;
        int end = to is { } t ? LowerBound(_buffer.AsSpan(0, _count), t) : _count;
        if (_runs.Count == 0)
        {
            for (int i = start; i < end; i++)
            {
                if ((i & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                yield return _buffer[i];
            }
            yield break;
        }
        var readers = new List<RunReader>(_runs.Count + 1);
        try
        {
            foreach (var path in _runs) readers.Add(RunReader.Open(path, from, to));
            if (end > start) readers.Add(new RunReader(_buffer, start, end));
        }
        catch
        {
            foreach (var reader in readers) reader.Dispose();
            throw;
        }
        foreach (var record in Merge(readers, cancellation)) yield return record;
    }

    /// <summary>
    /// Up to <paramref name="parts"/> - 1 ascending, distinct records that cut the sorted output into about equal
    /// ranges for <see cref="ReadSorted(CancellationToken, T?, T?)"/>; none when there is too little to share.
    /// Taken from each source's quantiles (the records in memory and every run), weighted by the source's size.
    /// </summary>
    public List<T> Splitters(int parts, long minimumPerPart = 1 << 14)
    {
        FinishInput();
        var result = new List<T>();
        var sources = new List<(string? Path, long Length)>();
        if (_count > 0) sources.Add((null, _count));
        foreach (var path in _runs) sources.Add((path, new FileInfo(path).Length / RecordSize));
        long total = sources.Sum(source => source.Length);
        if (parts < 2 || total < parts * minimumPerPart) return result;
        var comparer = new IdRecordComparer<T>();
        for (int i = 1; i < parts; i++)
        {
            var candidates = new List<(T Record, long Weight)>(sources.Count);
            foreach (var (path, length) in sources)
            {
                long at = length * i / parts;
                candidates.Add((path is null ? _buffer[(int)at] : RunReader.ReadAt(path, at), length));
            }
            candidates.Sort((a, b) => comparer.Compare(a.Record, b.Record));
            long half = (total + 1) / 2, seen = 0;
            var pick = candidates[^1].Record;
            foreach (var (record, weight) in candidates)
            {
                seen += weight;
                if (seen >= half)
                {
                    pick = record;
                    break;
                }
            }
            if (result.Count == 0 || IdRecords.Compare(in pick, in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result)[^1]) > 0) result.Add(pick);
        }
        return result;
    }

    /// <summary>The first position in sorted <paramref name="records"/> whose record is not below <paramref name="key"/>.</summary>
    private static int LowerBound(ReadOnlySpan<T> records, in T key)
    {
        int low = 0, high = records.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (IdRecords.Compare(in records[middle], in key) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
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

    /// <summary>Reads one run file (or a range of it) back in blocks, or walks a range of the sorted records still in memory.</summary>
    private sealed class RunReader : IDisposable
    {
        private readonly FileStream? _file;
        private readonly T[] _block;
        private int _position, _length;
        // File runs: how many records are left to read from the file.
        private long _remaining;

        private RunReader(string path, long start, long end)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            _file.Position = start * RecordSize;
            _remaining = end - start;
            _block = new T[(512 << 10) / RecordSize];
        }

        public RunReader(T[] records, int start, int end)
        {
            _block = records;
            _position = start;
            _length = end;
        }

        /// <summary>A reader of the run's records r with from &lt;= r &lt; to (null: no bound).</summary>
        public static RunReader Open(string path, T? from, T? to)
        {
            long length = new FileInfo(path).Length / RecordSize;
            if (from is null && to is null) return new RunReader(path, 0, length);
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long start = from is { } f ? LowerBound(handle, length, f) : 0;
            long end = to is { } t ? LowerBound(handle, length, t) : length;
            return new RunReader(path, start, Math.Max(start, end));
        }

        /// <summary>The record at <paramref name="index"/> of a run file.</summary>
        public static T ReadAt(string path, long index)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadAt(handle, index);
        }

        private static T ReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long index)
        {
            T record = default;
            var bytes = MemoryMarshal.AsBytes(new Span<T>(ref record));
            if (RandomAccess.Read(handle, bytes, index * RecordSize) != bytes.Length) throw new EndOfStreamException("A sorted run ended early.");
            return record;
        }

        /// <summary>Binary search of a run file: the first record position not below <paramref name="key"/>.</summary>
        private static long LowerBound(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, in T key)
        {
            long low = 0, high = length;
            while (low < high)
            {
                long middle = (low + high) >>> 1;
                var record = ReadAt(handle, middle);
                if (IdRecords.Compare(in record, in key) < 0) low = middle + 1;
                else high = middle;
            }
            return low;
        }

        /// <summary>The record MoveNext reached; valid until the next MoveNext.</summary>
        public ref readonly T Current => ref _block[_position - 1];

        public bool MoveNext()
        {
            if (_position == _length)
            {
                if (_file is null || _remaining == 0) return false;
                var target = MemoryMarshal.AsBytes(_block.AsSpan(0, (int)Math.Min(_block.Length, _remaining)));
                int bytes = _file.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
                _length = bytes / RecordSize;
                _remaining -= _length;
                _position = 0;
                if (_length == 0) return false;
            }
            _position++;
            return true;
        }

        public void Dispose() => _file?.Dispose();
    }
}
