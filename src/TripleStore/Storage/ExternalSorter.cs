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
        using var reader = OpenSorted(cancellation, from, to);
        var block = new T[Math.Max(1, (16 << 10) / RecordSize)];
        int count;
        while ((count = reader.Read(block)) > 0)
            for (int i = 0; i < count; i++) yield return block[i];
    }

    /// <summary>
    /// A reader of the sorted, distinct records r with <paramref name="from"/> &lt;= r &lt; <paramref name="to"/>
    /// (null: no bound), in blocks: what <see cref="ReadSorted(CancellationToken, T?, T?)"/> gives, without an
    /// enumerator call per record. After the last <see cref="Add"/>; readers of disjoint ranges may run at the
    /// same time on several threads.
    /// </summary>
    public SortedReader OpenSorted(CancellationToken cancellation, T? from = null, T? to = null)
    {
        FinishInput();
        int start = from is { } f ? LowerBound(_buffer.AsSpan(0, _count), f) : 0;
        int end = to is { } t ? LowerBound(_buffer.AsSpan(0, _count), t) : _count;
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
        return new SortedReader(readers.ToArray(), cancellation);
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

    /// <summary>
    /// Merges sorted runs of distinct records (files, and the records still in memory) into one sorted stream
    /// without repeats, read in blocks. A loser tree picks the next record: after the first, each record costs
    /// one comparison per level (log2 of the run count) however many runs there are, and the caller gets whole
    /// blocks, so the merge is one flat loop rather than a chain of enumerators.
    /// </summary>
    internal sealed class SortedReader : IDisposable
    {
        private readonly RunReader[] _sources;
        // _tree[0] is the source whose record comes next; _tree[1..k-1] hold the loser of each internal node
        // of a complete binary tree whose leaves k..2k-1 are the sources.
        private readonly int[] _tree;
        private readonly CancellationToken _cancellation;
        private bool _started, _any, _disposed;
        private T _last;

        internal SortedReader(RunReader[] sources, CancellationToken cancellation)
        {
            _sources = sources;
            _tree = new int[Math.Max(1, sources.Length)];
            _cancellation = cancellation;
        }

        /// <summary>Fills <paramref name="destination"/> with the next records; returns how many (0 at the end).</summary>
        public int Read(Span<T> destination)
        {
            _cancellation.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            var sources = _sources;
            int k = sources.Length;
            // One run holds distinct records already: copy it.
            if (k == 1) return sources[0].Read(destination);
            if (k == 0 || destination.IsEmpty) return 0;
            if (!_started) Start();
            var tree = _tree;
            int count = 0;
            while (count < destination.Length)
            {
                int winner = tree[0];
                var source = sources[winner];
                if (source.Exhausted) break;
                ref readonly T record = ref source.Current;
                if (!_any || !IdRecords.Equal(in record, in _last))
                {
                    destination[count++] = record;
                    _last = record;
                    _any = true;
                }
                source.MoveNext();
                for (int node = (winner + k) >> 1; node > 0; node >>= 1)
                {
                    int other = tree[node];
                    if (Less(sources[other], sources[winner]))
                    {
                        tree[node] = winner;
                        winner = other;
                    }
                }
                tree[0] = winner;
            }
            return count;
        }

        /// <summary>Reads every source's first record and plays the initial tournament.</summary>
        private void Start()
        {
            _started = true;
            int k = _sources.Length;
            foreach (var source in _sources) source.MoveNext();
            // Leaves enter in order; the first of a node's two contenders waits there (-1: none yet), the
            // second plays it: the loser stays, the winner goes on up, and the last winner tops the tree.
            Array.Fill(_tree, -1);
            for (int leaf = 0; leaf < k; leaf++)
            {
                int winner = leaf;
                for (int node = (leaf + k) >> 1; node > 0; node >>= 1)
                {
                    int other = _tree[node];
                    if (other < 0)
                    {
                        _tree[node] = winner;
                        winner = -1;
                        break;
                    }
                    if (Less(_sources[other], _sources[winner]))
                    {
                        _tree[node] = winner;
                        winner = other;
                    }
                }
                if (winner >= 0) _tree[0] = winner;
            }
        }

        /// <summary>Whether <paramref name="a"/>'s record comes before <paramref name="b"/>'s; an exhausted source comes last.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool Less(RunReader a, RunReader b)
        {
            if (a.Exhausted) return false;
            if (b.Exhausted) return true;
            return IdRecords.Compare(in a.Current, in b.Current) < 0;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var source in _sources) source.Dispose();
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
    internal sealed class RunReader : IDisposable
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

        /// <summary>Set once MoveNext found no more records.</summary>
        public bool Exhausted { get; private set; }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool MoveNext()
        {
            if (_position < _length)
            {
                _position++;
                return true;
            }
            return MoveNextBlock();
        }

        private bool MoveNextBlock()
        {
            if (!Refill())
            {
                Exhausted = true;
                return false;
            }
            _position++;
            return true;
        }

        /// <summary>Copies the next records into <paramref name="destination"/>; returns how many (0 at the end).</summary>
        public int Read(Span<T> destination)
        {
            if (_position == _length && !Refill()) return 0;
            int count = Math.Min(destination.Length, _length - _position);
            _block.AsSpan(_position, count).CopyTo(destination);
            _position += count;
            return count;
        }

        /// <summary>Reads the next block of a file run; false when none is left.</summary>
        private bool Refill()
        {
            if (_file is null || _remaining == 0) return false;
            var target = MemoryMarshal.AsBytes(_block.AsSpan(0, (int)Math.Min(_block.Length, _remaining)));
            int bytes = _file.ReadAtLeast(target, target.Length, throwOnEndOfStream: false);
            _length = bytes / RecordSize;
            _remaining -= _length;
            _position = 0;
            return _length > 0;
        }

        public void Dispose() => _file?.Dispose();
    }
}
