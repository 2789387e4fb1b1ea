using System.Buffers.Binary;

namespace TripleStore.Storage;

/// <summary>
/// Sorts dictionary entries (term id → serialized term) by id in bounded memory, dropping repeats, the
/// same way <see cref="ExternalQuadSorter"/> does for quads: an arena of bytes, sorted runs on disk
/// when it fills, a merge at the end.
/// </summary>
internal sealed class DictionarySorter : IDisposable
{
    private readonly string _directory;
    private byte[] _arena;
    private int _used;
    private Entry[] _entries;
    private int _count;
    private readonly List<string> _runs = [];

    private readonly record struct Entry(TermId Id, int Offset, int Length);

    private readonly struct EntryComparer : IComparer<Entry>
    {
        public int Compare(Entry a, Entry b) => a.Id.CompareTo(b.Id);
    }

    public DictionarySorter(string directory, long budgetBytes)
    {
        _directory = directory;
        _arena = new byte[(int)Math.Clamp(budgetBytes * 3 / 4, 1 << 16, int.MaxValue / 2)];
        _entries = new Entry[(int)Math.Clamp(budgetBytes / 4 / 24, 1024, int.MaxValue / 32)];
    }

    public void Add(TermId id, ReadOnlySpan<byte> value)
    {
        if (value.Length > _arena.Length) _arena = new byte[value.Length]; // a huge literal: make room once
        if (_count == _entries.Length || _used + value.Length > _arena.Length) Spill();
        value.CopyTo(_arena.AsSpan(_used));
        _entries[_count++] = new Entry(id, _used, value.Length);
        _used += value.Length;
    }

    /// <summary>Sorted, distinct entries; the value array is only valid until the next item.</summary>
    public IEnumerable<(TermId Id, byte[] Value, int Length)> ReadSorted(CancellationToken cancellation)
    {
        if (_runs.Count == 0)
        {
            int distinct = SortEntries();
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
        if (_count > 0) Spill();
        _arena = [];
        _entries = [];
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

    private int SortEntries()
    {
        var span = _entries.AsSpan(0, _count);
        span.Sort(new EntryComparer());
        if (span.IsEmpty) return 0;
        int write = 1;
        for (int read = 1; read < span.Length; read++)
            if (span[read].Id != span[write - 1].Id) span[write++] = span[read];
        return write;
    }

    private void Spill()
    {
        int distinct = SortEntries();
        string path = Path.Combine(_directory, $"dictionary-{_runs.Count}.run");
        using (var file = new BufferedStream(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1), 1 << 20))
        {
            Span<byte> header = stackalloc byte[TermId.Size + 4];
            for (int i = 0; i < distinct; i++)
            {
                var entry = _entries[i];
                entry.Id.Write(header);
                BinaryPrimitives.WriteInt32LittleEndian(header[TermId.Size..], entry.Length);
                file.Write(header);
                file.Write(_arena, entry.Offset, entry.Length);
            }
        }
        _runs.Add(path);
        _count = 0;
        _used = 0;
    }

    public void Dispose()
    {
        _arena = [];
        _entries = [];
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
