namespace TripleStore.Remote;

/// <summary>
/// A response body that fails with <see cref="ErrorCodes.RemoteEndpointTimeout"/> when no bytes arrive
/// for the read timeout: a server that stalls mid-stream (stopped, overloaded) must not hang a pipeline.
/// Cancelling the pending read aborts the connection.
/// </summary>
internal sealed class ReadTimeoutStream(Stream inner, TimeSpan timeout, string endpoint, CancellationToken cancellation) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var rented = new byte[buffer.Length];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        cts.CancelAfter(timeout);
        try
        {
            int n = inner.ReadAsync(rented.AsMemory(), cts.Token).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new RemoteEndpointException(ErrorCodes.RemoteEndpointTimeout, ErrorKind.Timeout, endpoint, null, null,
                $"The endpoint {endpoint} sent no data for {timeout.TotalSeconds:0.###} s while streaming its response (RemoteResilienceOptions.ReadTimeout); the response was abandoned.", e);
        }
        catch (OperationCanceledException e)
        {
            throw new TripleStoreException(ErrorCodes.Canceled, ErrorKind.Canceled, "The request was canceled.", e);
        }
        catch (IOException e)
        {
            throw new RemoteEndpointException(ErrorCodes.RemoteEndpointUnavailable, ErrorKind.IO, endpoint, null, null,
                $"The connection to {endpoint} broke while streaming its response: {e.Message}", e);
        }
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
