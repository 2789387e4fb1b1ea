namespace TripleStore.Sparql.Evaluation.Spill;

/// <summary>
/// One run of spilled records: written once from start to end, then read back from the start. The
/// file is deleted when this is disposed (or when the process lets go of its handle).
/// </summary>
internal sealed class SpillFile : IDisposable
{
    private readonly SpillSpace _space;
    private readonly FileStream _stream;
    private readonly string _operatorName;
    private byte[] _buffer = new byte[256];
    private long _bytes;
    private bool _disposed;

    internal SpillFile(SpillSpace space, FileStream stream, string operatorName)
    {
        _space = space;
        _stream = stream;
        _operatorName = operatorName;
    }

    public long Count { get; private set; }

    public void Write(in SpillRecord record)
    {
        int length = SpillRecordCodec.Write(record, ref _buffer);
        _space.Reserve(length, _operatorName);
        _bytes += length;
        try
        {
            _stream.Write(_buffer, 0, length);
        }
        catch (IOException e)
        {
            throw _space.Failed(_operatorName, e);
        }
        Count++;
    }

    /// <summary>Ends writing; the records can then be read with <see cref="Read"/>.</summary>
    public void Complete()
    {
        try
        {
            _stream.Flush();
        }
        catch (IOException e)
        {
            throw _space.Failed(_operatorName, e);
        }
    }

    public IEnumerable<SpillRecord> Read()
    {
        _stream.Position = 0;
        var buffer = new byte[256];
        while (SpillRecordCodec.TryRead(_stream, ref buffer, out var record))
            yield return record;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stream.Dispose();
        _space.Release(_bytes);
    }
}
