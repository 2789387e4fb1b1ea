namespace TripleStore.Remote;

/// <summary>
/// Passes a response body through while keeping a copy of it, up to a bound, so that a result can be
/// put in the shared cache once the caller has read it to the end. Past the bound the copy is dropped
/// and the stream simply passes bytes on.
/// </summary>
internal sealed class CapturingStream(Stream inner, long maxBytes) : Stream
{
    private MemoryStream? _copy = new();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Keep(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Keep(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (_copy is null || bytes.Length == 0) return;
        if (_copy.Length + bytes.Length > maxBytes)
        {
            _copy = null;
            return;
        }
        _copy.Write(bytes);
    }

    /// <summary>
    /// The whole body, once the reader is done with it: reads whatever the parser left (trailing white
    /// space, say) and returns the copy, or null when the body was larger than the bound.
    /// </summary>
    public byte[]? Complete()
    {
        if (_copy is null) return null;
        var rest = new byte[8192];
        try
        {
            while (_copy is not null && Read(rest) > 0) { }
        }
        catch (Exception e) when (e is IOException or TripleStoreException or OperationCanceledException or HttpRequestException)
        {
            // The rows were all read; a tail that cannot be read only means this result is not cached.
            return null;
        }
        return _copy?.ToArray();
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
