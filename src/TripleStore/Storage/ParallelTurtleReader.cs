using System.Collections.Concurrent;

namespace TripleStore.Storage;

/// <summary>
/// Splits a Turtle stream into blocks of whole statements and parses them on several threads. A block is cut
/// after a line that ends in '.', which is where statements usually end; whether it really was is proven by
/// the parse of that block, which must end exactly there (a cut inside a long string or a bracket makes the
/// block leave its last statement to the full reader). Parsed blocks come back in file order. Each block is
/// parsed under the declarations (prefixes, base) known when it starts: those of the file's opening
/// directives, or the ones the importer <see cref="Publish"/>es after a block that declares more; the importer
/// parses a block again when that guess was wrong.
/// </summary>
internal sealed class ParallelTurtleReader
{
    public const int BlockSize = 1 << 20;
    // Past this size a block is cut at any line break: its parse will then leave its last statement to the full reader.
    private const int LongestUncutBlock = 64 << 20;

    private readonly Stream _stream;
    private readonly Func<TurtleBlockParser> _newParser;
    private readonly int _workers;
    private readonly TurtleDirectives _initial;
    private readonly ConcurrentBag<TurtleBlock> _pool = [];
    private TurtleDirectives _published;
    private volatile bool _passThrough;
    private byte[] _carry = new byte[BlockSize];
    private int _carryLength;
    private bool _atStart = true;
    private bool _streamEnded;
    private long _nextSequence;

    public ParallelTurtleReader(Stream stream, Func<TurtleBlockParser> newParser, int workers, TurtleDirectives initial)
    {
        _stream = stream;
        _newParser = newParser;
        _workers = Math.Max(1, workers);
        _initial = initial;
        _published = initial;
    }

    /// <summary>The declarations that blocks parsed from now on assume at their start.</summary>
    public TurtleDirectives Published => Volatile.Read(ref _published);

    /// <summary>Makes <paramref name="directives"/> what blocks parsed from now on assume at their start.</summary>
    public void Publish(TurtleDirectives directives) => Volatile.Write(ref _published, directives);

    /// <summary>From now on blocks come back unparsed: the importer reads the rest of the file with the full reader.</summary>
    public void StopParsing() => _passThrough = true;

    /// <summary>Blocks in file order; give each back with <see cref="Return"/> once used.</summary>
    public IEnumerable<TurtleBlock> ReadBlocks(CancellationToken cancellation)
    {
        // Enough blocks in flight that the parsers keep going while this thread adds a block or sorts a run.
        int inFlight = _workers * 8;
        using var slots = new SemaphoreSlim(inFlight, inFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var done = new Dictionary<long, TurtleBlock>();
        var gate = new object();
        var readLock = new object();
        int running = _workers;
        long total = -1;
        Exception? failure = null;

        void Work()
        {
            try
            {
                var parser = _newParser();
                while (true)
                {
                    slots.Wait(stop.Token);
                    TurtleBlock? block;
                    lock (readLock) block = NextBlock(parser);
                    if (block is null)
                    {
                        slots.Release();
                        break;
                    }
                    if (_passThrough) block.ResetOutputs();
                    // The first block starts before the file's directives, so it assumes none.
                    else parser.Parse(block, block.Sequence == 0 ? _initial : Volatile.Read(ref _published));
                    lock (gate)
                    {
                        done.Add(block.Sequence, block);
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                lock (gate) failure ??= e;
            }
            finally
            {
                lock (gate)
                {
                    if (--running == 0) total = Volatile.Read(ref _nextSequence);
                    Monitor.PulseAll(gate);
                }
            }
        }

        var threads = Enumerable.Range(0, _workers)
            .Select(i => new Thread(Work) { IsBackground = true, Name = "TripleStore Turtle parser " + i })
            .ToList();
        threads.ForEach(thread => thread.Start());
        try
        {
            for (long sequence = 0; ; sequence++)
            {
                TurtleBlock? block;
                lock (gate)
                {
                    while (!done.TryGetValue(sequence, out block) && failure is null && !(running == 0 && sequence >= total))
                        Monitor.Wait(gate, 100);
                    if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                    if (block is null) break;
                    done.Remove(sequence);
                }
                cancellation.ThrowIfCancellationRequested();
                yield return block;
                slots.Release();
            }
        }
        finally
        {
            stop.Cancel();
            threads.ForEach(thread => thread.Join());
        }
    }

    public void Return(TurtleBlock block) => _pool.Add(block);

    /// <summary>Reads the next block, or null at the end of the stream. Called under a lock.</summary>
    private TurtleBlock? NextBlock(TurtleBlockParser parser)
    {
        if (_streamEnded && _carryLength == 0) return null;
        if (!_pool.TryTake(out var block)) block = new TurtleBlock();
        if (block.Data.Length < Math.Max(BlockSize, _carryLength * 2)) block.Data = new byte[Math.Max(BlockSize, _carryLength * 2)];
        _carry.AsSpan(0, _carryLength).CopyTo(block.Data);
        int length = _carryLength;
        _carryLength = 0;
        int cut;
        while (true)
        {
            while (!_streamEnded && length < block.Data.Length)
            {
                int read = _stream.Read(block.Data, length, block.Data.Length - length);
                if (read <= 0) _streamEnded = true;
                else length += read;
            }
            if (_streamEnded) { cut = length; break; }
            cut = StatementCut(block.Data.AsSpan(0, length));
            if (cut > 0) break;
            if (length >= LongestUncutBlock)
            {
                cut = block.Data.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
                if (cut > 0) break;
            }
            Array.Resize(ref block.Data, block.Data.Length * 2);
        }
        if (length == 0)
        {
            _pool.Add(block);
            return null;
        }
        int rest = length - cut;
        if (rest > 0)
        {
            if (_carry.Length < rest) _carry = new byte[rest];
            block.Data.AsSpan(cut, rest).CopyTo(_carry);
            _carryLength = rest;
        }
        block.Length = cut;
        block.Start = 0;
        block.IsLast = _streamEnded && rest == 0;
        // A byte-order mark opens the text; it is not content (the full reader drops it too).
        if (_atStart && cut >= 3 && block.Data[0] == 0xEF && block.Data[1] == 0xBB && block.Data[2] == 0xBF) block.Start = 3;
        block.Sequence = _nextSequence++;
        if (_atStart && !_passThrough) Publish(parser.ReadPrologue(block, _initial));
        _atStart = false;
        return block;
    }

    /// <summary>The end of the last line that ends in '.' (after the LF), or 0 when there is none.</summary>
    private static int StatementCut(ReadOnlySpan<byte> data)
    {
        int end = data.Length;
        while (true)
        {
            int lf = data[..end].LastIndexOf((byte)'\n');
            if (lf <= 0) return 0;
            int before = data[lf - 1] == '\r' && lf >= 2 ? lf - 2 : lf - 1;
            if (data[before] == '.') return lf + 1;
            end = lf;
        }
    }
}
