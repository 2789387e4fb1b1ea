using System.Collections.Concurrent;

namespace TripleStore.Storage;

/// <summary>
/// Splits an N-Triples or N-Quads stream into blocks of whole lines and parses them on several threads
/// (N-Triples has one statement per line, so any line break is a safe place to cut). Parsed blocks are
/// handed back in file order, so that the lines a parser leaves to the full reader, and their errors,
/// come in order, and a block's line numbers follow from the line breaks of the blocks before it.
/// </summary>
internal sealed class ParallelNTriplesReader
{
    public const int BlockSize = 1 << 20;
    // A block with no LF at all (a file with CR line ends) is cut at its last CR once it is this large.
    private const int LongestUncutBlock = 64 << 20;

    private readonly Stream _stream;
    private readonly Func<NTriplesBlockParser> _newParser;
    private readonly int _workers;
    private readonly ConcurrentBag<NTriplesBlock> _pool = [];
    private byte[] _carry = new byte[BlockSize];
    private int _carryLength;
    private bool _atStart = true;
    private bool _streamEnded;
    private long _nextSequence;

    public ParallelNTriplesReader(Stream stream, Func<NTriplesBlockParser> newParser, int workers)
    {
        _stream = stream;
        _newParser = newParser;
        _workers = Math.Max(1, workers);
    }

    /// <summary>Parsed blocks in file order; give each back with <see cref="Return"/> once used.</summary>
    public IEnumerable<NTriplesBlock> ReadBlocks(CancellationToken cancellation)
    {
        // Enough blocks in flight that the parsers keep going while this thread adds a block or sorts a run.
        int inFlight = _workers * 8;
        using var slots = new SemaphoreSlim(inFlight, inFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var done = new Dictionary<long, NTriplesBlock>();
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
                    NTriplesBlock? block;
                    lock (readLock) block = NextBlock();
                    if (block is null)
                    {
                        slots.Release();
                        break;
                    }
                    parser.Parse(block);
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
            .Select(i => new Thread(Work) { IsBackground = true, Name = "TripleStore N-Triples parser " + i })
            .ToList();
        threads.ForEach(thread => thread.Start());
        try
        {
            for (long sequence = 0; ; sequence++)
            {
                NTriplesBlock? block;
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

    public void Return(NTriplesBlock block) => _pool.Add(block);

    /// <summary>Reads the next block of whole lines, or null at the end of the stream. Called under a lock.</summary>
    private NTriplesBlock? NextBlock()
    {
        if (_streamEnded && _carryLength == 0) return null;
        if (!_pool.TryTake(out var block)) block = new NTriplesBlock();
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
            int lf = block.Data.AsSpan(0, length).LastIndexOf((byte)'\n');
            if (lf >= 0) { cut = lf + 1; break; }
            if (length >= LongestUncutBlock)
            {
                // No LF anywhere, so a CR before the last byte is a whole line break.
                int cr = block.Data.AsSpan(0, length - 1).LastIndexOf((byte)'\r');
                if (cr >= 0) { cut = cr + 1; break; }
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
        // A byte-order mark opens the text; it is not content (the full reader drops it too).
        if (_atStart && cut >= 3 && block.Data[0] == 0xEF && block.Data[1] == 0xBB && block.Data[2] == 0xBF) block.Start = 3;
        _atStart = false;
        block.Sequence = _nextSequence++;
        return block;
    }
}
