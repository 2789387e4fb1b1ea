namespace TripleStore.Storage;

/// <summary>
/// The import's canonical sort: default-graph triples as 48-byte <see cref="TripleIds"/> (s, p, o), quads
/// of named graphs as 64-byte <see cref="QuadIds"/> (g, s, p, o), each in an <see cref="ExternalSorter{T}"/>
/// of its own. Reading gives every distinct default-graph triple in SPO order, then every distinct
/// named-graph quad in GSPO order, as ids in s, p, o, g order.
/// </summary>
internal sealed class CanonicalSorter : IDisposable
{
    private readonly string _directory;
    private readonly long _capacityBytes;
    private ExternalSorter<TripleIds>? _triples;
    private ExternalSorter<QuadIds>? _quads;

    /// <param name="capacityBytes">
    /// Memory for records. The first kind of record to arrive gets all of it; if the other kind shows up too,
    /// its sorter gets half as much, so a mixed import holds at most one and a half times this.
    /// </param>
    public CanonicalSorter(string directory, long capacityBytes)
    {
        _directory = directory;
        _capacityBytes = capacityBytes;
    }

    /// <summary>Adds a quad in the canonical layout: graph (the default graph's zero id or a named graph), subject, predicate, object.</summary>
    public void Add(in QuadIds gspo)
    {
        if (gspo[0] == TermId.DefaultGraph)
        {
            (_triples ??= new ExternalSorter<TripleIds>(_directory, "canonical-triples", Capacity<TripleIds>(_quads is not null), spillInBackground: true))
                .Add(new TripleIds(gspo[1], gspo[2], gspo[3]));
        }
        else
        {
            (_quads ??= new ExternalSorter<QuadIds>(_directory, "canonical-quads", Capacity<QuadIds>(_triples is not null), spillInBackground: true))
                .Add(gspo);
        }
    }

    private int Capacity<T>(bool second) where T : unmanaged =>
        (int)Math.Min(int.MaxValue / 128, (second ? _capacityBytes / 2 : _capacityBytes) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    /// <summary>How many quads were added, repeats included.</summary>
    public long Added => (_triples?.Added ?? 0) + (_quads?.Added ?? 0);

    /// <summary>The bytes of every record added, repeats included.</summary>
    public long BytesAdded =>
        (_triples?.Added ?? 0) * System.Runtime.CompilerServices.Unsafe.SizeOf<TripleIds>() + (_quads?.Added ?? 0) * System.Runtime.CompilerServices.Unsafe.SizeOf<QuadIds>();

    /// <summary>How many default-graph triples were added, repeats included.</summary>
    public long AddedDefault => _triples?.Added ?? 0;

    /// <summary>Ends the input; what stays in memory for the merge is <see cref="BytesInMemory"/>.</summary>
    public void FinishInput()
    {
        _triples?.FinishInput();
        _quads?.FinishInput();
    }

    public long BytesInMemory => (_triples?.BytesInMemory ?? 0) + (_quads?.BytesInMemory ?? 0);

    /// <summary>Distinct default-graph triples in SPO order, then distinct named-graph quads in GSPO order, as s, p, o, g ids.</summary>
    public IEnumerable<QuadIds> ReadSorted(CancellationToken cancellation) => ReadSorted(0, cancellation);

    // Key ranges of the partitioned read: the splitters of each sorter, and how many partitions have not yet
    // finished their default-graph triples (the last one frees the triples' buffer and runs).
    private List<TripleIds> _tripleSplitters = [];
    private List<QuadIds> _quadSplitters = [];
    private int _partitions = 1;
    private int _triplesPending = 1;

    /// <summary>
    /// Cuts the output into at most <paramref name="parts"/> disjoint key ranges of about equal size (fewer when
    /// the input is small), for <see cref="ReadSorted(int, CancellationToken)"/> on one thread each. Returns how
    /// many ranges there are. Call after <see cref="FinishInput"/>, before reading.
    /// </summary>
    public int Partition(int parts, long minimumPerPart = 1 << 14)
    {
        FinishInput();
        _tripleSplitters = parts > 1 && _triples is not null ? _triples.Splitters(parts, minimumPerPart) : [];
        _quadSplitters = parts > 1 && _quads is not null ? _quads.Splitters(parts, minimumPerPart) : [];
        _partitions = Math.Max(_tripleSplitters.Count, _quadSplitters.Count) + 1;
        _triplesPending = _partitions;
        return _partitions;
    }

    /// <summary>
    /// The distinct records of one key range of <see cref="Partition"/>: its default-graph triples in SPO order,
    /// then its named-graph quads in GSPO order, as s, p, o, g ids. Ranges are disjoint and ascending in
    /// <paramref name="partition"/>, so together they are exactly what one unpartitioned read gives.
    /// </summary>
    public IEnumerable<QuadIds> ReadSorted(int partition, CancellationToken cancellation)
    {
        using var reader = OpenRange(partition, cancellation);
        var block = new QuadIds[256];
        int count;
        while ((count = reader.Read(block)) > 0)
            for (int i = 0; i < count; i++) yield return block[i];
    }

    /// <summary>
    /// A reader of one key range of <see cref="Partition"/> in blocks: the records <see cref="ReadSorted(int, CancellationToken)"/>
    /// gives, without an enumerator call per record.
    /// </summary>
    public RangeReader OpenRange(int partition, CancellationToken cancellation) => new(this, partition, cancellation);

    /// <summary>Reads one key range: its default-graph triples, then its named-graph quads, as s, p, o, g ids.</summary>
    internal sealed class RangeReader : IDisposable
    {
        private readonly CanonicalSorter _owner;
        private readonly int _partition;
        private readonly CancellationToken _cancellation;
        private ExternalSorter<TripleIds>.SortedReader? _triples;
        private ExternalSorter<QuadIds>.SortedReader? _quads;
        private TripleIds[] _tripleBlock = [];
        private QuadIds[] _quadBlock = [];
        // 0: triples not opened yet, 1: reading triples, 2: quads not opened yet, 3: reading quads, 4: done.
        private int _stage;

        internal RangeReader(CanonicalSorter owner, int partition, CancellationToken cancellation)
        {
            _owner = owner;
            _partition = partition;
            _cancellation = cancellation;
        }

        /// <summary>Fills <paramref name="destination"/> with the next records; returns how many (0 at the end).</summary>
        public int Read(Span<QuadIds> destination)
        {
            if (destination.IsEmpty) return 0;
            while (true)
            {
                switch (_stage)
                {
                    case 0:
                        if (_owner._triples is not null && Bounds(_owner._tripleSplitters, _partition, out var tripleFrom, out var tripleTo))
                            _triples = _owner._triples.OpenSorted(_cancellation, tripleFrom, tripleTo);
                        _stage = 1;
                        continue;
                    case 1:
                        if (_triples is not null)
                        {
                            if (_tripleBlock.Length < destination.Length) _tripleBlock = new TripleIds[destination.Length];
                            int count = _triples.Read(_tripleBlock.AsSpan(0, destination.Length));
                            if (count > 0)
                            {
                                for (int i = 0; i < count; i++)
                                {
                                    ref readonly var t = ref _tripleBlock[i];
                                    destination[i] = new QuadIds(t[0], t[1], t[2], TermId.DefaultGraph);
                                }
                                return count;
                            }
                            _triples.Dispose();
                            _triples = null;
                        }
                        // Once every range has read its triples, their buffer and runs are not needed any more.
                        if (Interlocked.Decrement(ref _owner._triplesPending) == 0) _owner._triples?.Dispose();
                        _stage = 2;
                        continue;
                    case 2:
                        if (_owner._quads is not null && Bounds(_owner._quadSplitters, _partition, out var quadFrom, out var quadTo))
                            _quads = _owner._quads.OpenSorted(_cancellation, quadFrom, quadTo);
                        _stage = 3;
                        continue;
                    case 3:
                        if (_quads is not null)
                        {
                            if (_quadBlock.Length < destination.Length) _quadBlock = new QuadIds[destination.Length];
                            int count = _quads.Read(_quadBlock.AsSpan(0, destination.Length));
                            if (count > 0)
                            {
                                for (int i = 0; i < count; i++)
                                {
                                    ref readonly var q = ref _quadBlock[i];
                                    destination[i] = new QuadIds(q[1], q[2], q[3], q[0]);
                                }
                                return count;
                            }
                            _quads.Dispose();
                            _quads = null;
                        }
                        _stage = 4;
                        continue;
                    default:
                        return 0;
                }
            }
        }

        public void Dispose()
        {
            _triples?.Dispose();
            _quads?.Dispose();
            _triples = null;
            _quads = null;
        }
    }

    /// <summary>The bounds of range <paramref name="partition"/> cut by <paramref name="splitters"/>; false when it is empty.</summary>
    private static bool Bounds<T>(List<T> splitters, int partition, out T? from, out T? to) where T : struct
    {
        from = partition == 0 ? null : partition <= splitters.Count ? splitters[partition - 1] : null;
        to = partition < splitters.Count ? splitters[partition] : null;
        return partition <= splitters.Count;
    }

    public void Dispose()
    {
        _triples?.Dispose();
        _quads?.Dispose();
    }
}
