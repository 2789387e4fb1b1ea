using System.Buffers.Binary;

namespace TripleStore.Storage;

/// <summary>
/// Sorts dictionary entries (term id → serialized term) by id in bounded memory, dropping repeats, the
/// same way <see cref="ExternalSorter{T}"/> does for quads: an arena of bytes, sorted runs on disk
/// when it fills, a merge at the end. With <c>spillInBackground</c> the memory is split in two halves,
/// and a full half is sorted and written on a thread of its own while the caller fills the other.
/// </summary>
internal sealed class DictionarySorter : IDisposable
{
    private readonly string _directory;
    private readonly bool _background;
    private byte[] _arena;
    private int _used;
    private Entry[] _entries;
    private int _count;
    private readonly List<string> _runs = [];
    // Background mode: the arena and entries the running spill writes (given back when it ends), and that spill.
    private (byte[] Arena, Entry[] Entries)? _spare;
    private Task? _pendingSpill;
    private bool _finished;

    private readonly record struct Entry(TermId Id, int Offset, int Length);

    public DictionarySorter(string directory, long budgetBytes, bool spillInBackground = false)
    {
        _directory = directory;
        _background = spillInBackground;
        if (spillInBackground) budgetBytes /= 2;
        _arena = new byte[(int)Math.Clamp(budgetBytes * 3 / 4, 1 << 16, int.MaxValue / 2)];
        _entries = new Entry[(int)Math.Clamp(budgetBytes / 4 / 24, 1024, int.MaxValue / 32)];
    }

    public void Add(TermId id, ReadOnlySpan<byte> value)
    {
        if (_count > 0 && (_count == _entries.Length || _used + value.Length > _arena.Length)) Spill();
        // A huge literal: larger than the (now empty) arena, so make room once. Checked after the spill: in
        // background mode the spill swaps in the other arena, which may be smaller than the one just filled.
        if (value.Length > _arena.Length) _arena = new byte[value.Length];
        value.CopyTo(_arena.AsSpan(_used));
        _entries[_count++] = new Entry(id, _used, value.Length);
        _used += value.Length;
        BytesAdded += value.Length + EntrySize;
    }

    /// <summary>The bytes of every entry added (value and entry record), repeats included.</summary>
    public long BytesAdded { get; private set; }

    /// <summary>
    /// Ends the input and gives back the memory the merge does not need: the running spill is awaited and the
    /// spare half released; once runs were spilled, the entries in memory are written as the last run and the
    /// arena is released too, so the merge holds only a block per run. What is left in memory is
    /// <see cref="BytesInMemory"/>. <see cref="ReadSorted"/> calls it; calling it earlier frees the memory sooner.
    /// </summary>
    public void FinishInput()
    {
        if (_finished) return;
        _finished = true;
        WaitForSpill();
        _spare = null;
        if (_runs.Count == 0) return;
        if (_count > 0)
        {
            // Written here, not by Spill: in background mode Spill would swap in a fresh arena only to drop it.
            string path = Path.Combine(_directory, $"dictionary-{_runs.Count}.run");
            _runs.Add(path);
            WriteRun(_arena, _entries, _count, path);
        }
        _arena = [];
        _entries = [];
        _count = 0;
        _used = 0;
    }

    /// <summary>The bytes the sorter holds in memory (arenas and entry tables, both halves in background mode).</summary>
    public long BytesInMemory => (long)_arena.Length + (long)_entries.Length * EntrySize +
        (_spare is { } spare ? spare.Arena.Length + (long)spare.Entries.Length * EntrySize : 0);

    private static readonly int EntrySize = System.Runtime.CompilerServices.Unsafe.SizeOf<Entry>();

    /// <summary>Sorted, distinct entries; the value array is only valid until the next item.</summary>
    public IEnumerable<(TermId Id, byte[] Value, int Length)> ReadSorted(CancellationToken cancellation)
    {
        FinishInput();
        if (_runs.Count == 0)
        {
            int distinct = SortDistinct(_entries.AsSpan(0, _count));
            var value = new byte[256];
            for (int i = 0; i < distinct; i++)
            {
                if ((i & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                var entry = _entries[i];
                if (value.Length < entry.Length) value = new byte[entry.Length];
                _arena.AsSpan(entry.Offset, entry.Length).CopyTo(value);
                yield return (entry.Id, value, entry.Length);
            }
            yield break;
        }
        var readers = _runs.Select(path => new RunReader(path)).ToList();
        try
        {
            var queue = new PriorityQueue<RunReader, TermId>(readers.Count);
            foreach (var reader in readers)
                if (reader.MoveNext()) queue.Enqueue(reader, reader.Id);
            bool any = false;
            TermId last = default;
            long produced = 0;
            while (queue.TryDequeue(out var reader, out var id))
            {
                if ((++produced & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                if (!any || id != last)
                {
                    yield return (id, reader.Value, reader.Length);
                    last = id;
                    any = true;
                }
                if (reader.MoveNext()) queue.Enqueue(reader, reader.Id);
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    /// <summary>Sorts the entries by id and moves the first of each id to the front; returns how many there are.</summary>
    private static int SortDistinct(Span<Entry> span)
    {
        // The radix sort orders by all of an entry's words: by id, then (equal ids) by length and offset.
        RecordSorter.Sort(span);
        if (span.IsEmpty) return 0;
        int write = 1;
        for (int read = 1; read < span.Length; read++)
            if (span[read].Id != span[write - 1].Id) span[write++] = span[read];
        return write;
    }

    private void Spill()
    {
        string path = Path.Combine(_directory, $"dictionary-{_runs.Count}.run");
        if (!_background)
        {
            WriteRun(_arena, _entries, _count, path);
            _runs.Add(path);
            _count = 0;
            _used = 0;
            return;
        }
        // One spill at a time: the memory it writes is the memory filled next.
        WaitForSpill();
        var arena = _arena;
        var entries = _entries;
        int count = _count;
        _runs.Add(path);
        (_arena, _entries) = _spare ?? (new byte[arena.Length], new Entry[entries.Length]);
        _spare = null;
        _count = 0;
        _used = 0;
        _pendingSpill = Task.Factory.StartNew(() =>
        {
            WriteRun(arena, entries, count, path);
            _spare = (arena, entries);
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

    private static void WriteRun(byte[] arena, Entry[] entries, int count, string path)
    {
        int distinct = SortDistinct(entries.AsSpan(0, count));
        using var file = new BufferedStream(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1), 1 << 20);
        Span<byte> header = stackalloc byte[TermId.Size + 4];
        for (int i = 0; i < distinct; i++)
        {
            var entry = entries[i];
            entry.Id.Write(header);
            BinaryPrimitives.WriteInt32LittleEndian(header[TermId.Size..], entry.Length);
            file.Write(header);
            file.Write(arena, entry.Offset, entry.Length);
        }
    }

    public void Dispose()
    {
        // A spill still writing would recreate its file after the delete: let it end first.
        try { WaitForSpill(); } catch (Exception) { }
        _arena = [];
        _entries = [];
        _spare = null;
        foreach (var run in _runs) File.Delete(run);
        _runs.Clear();
    }

    private sealed class RunReader : IDisposable
    {
        private readonly BufferedStream _file;
        private readonly byte[] _header = new byte[TermId.Size + 4];

        public RunReader(string path) =>
            _file = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), 1 << 18);

        public TermId Id { get; private set; }
        public byte[] Value { get; private set; } = new byte[256];
        public int Length { get; private set; }

        public bool MoveNext()
        {
            if (_file.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false) < _header.Length) return false;
            Id = TermId.Read(_header);
            Length = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(TermId.Size));
            if (Value.Length < Length) Value = new byte[Length];
            _file.ReadExactly(Value, 0, Length);
            return true;
        }

        public void Dispose() => _file.Dispose();
    }
}
