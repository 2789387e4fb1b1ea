namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// Where one query's memory-bound operators write rows that do not fit in memory, and how many bytes they
/// may keep there at once (<see cref="QueryOptions.MaxSpillBytes"/>). Files are created on demand and
/// deleted when their operator closes them: at the end of the query, on cancellation, timeout or error.
/// </summary>
internal sealed class SpillSpace(string directory, long maxBytes)
{
    private long _bytes;
    private long _peakBytes;
    private int _files;

    public string Directory => directory;

    /// <summary>Bytes the query's spill files hold now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The most bytes the query's spill files held at once.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>Spill files the query has created.</summary>
    public int FilesCreated => Volatile.Read(ref _files);

    public SpillFile Create(string operatorName)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{Guid.NewGuid():n}.spill");
            // DeleteOnClose: the file goes with its handle, whichever way the query ends.
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            Interlocked.Increment(ref _files);
            return new SpillFile(this, stream, operatorName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(operatorName, e);
        }
    }

    /// <summary>Counts <paramref name="count"/> more bytes on disk, or fails when that passes the cap.</summary>
    public void Reserve(long count, string operatorName)
    {
        long now = Interlocked.Add(ref _bytes, count);
        if (maxBytes > 0 && now > maxBytes)
        {
            Interlocked.Add(ref _bytes, -count);
            throw new TripleStoreException(ErrorCodes.LimitExceeded, ErrorKind.LimitExceeded,
                $"{operatorName} needs to spill more than {maxBytes} bytes to disk (MaxSpillBytes). Raise MaxSpillBytes or MaxRowsInMemory, or make the query more selective.");
        }
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakBytes)) && Interlocked.CompareExchange(ref _peakBytes, now, peak) != peak) { }
    }

    public void Release(long count) => Interlocked.Add(ref _bytes, -count);

    public TripleStoreException Failed(string operatorName, Exception e)
    {
        bool full = e is IOException io && (io.HResult & 0xFFFF) == 28 /* ENOSPC */
            || e.Message.Contains("space", StringComparison.OrdinalIgnoreCase);
        var why = full ? "the disk is full" : e.Message;
        return new TripleStoreException(ErrorCodes.IO, ErrorKind.IO,
            $"{operatorName} could not spill rows to disk in {directory}: {why}. Free disk space, point SpillPath at a larger disk, or lower MaxRowsInMemory's share of the work by making the query more selective.", e);
    }
}
