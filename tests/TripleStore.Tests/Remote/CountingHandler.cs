using System.Net;

namespace TripleStore.Tests.Remote;

/// <summary>
/// A real HTTP handler whose response bodies count the bytes the client has read, so a test can tell
/// how much of a response had arrived when the first row reached the caller.
/// </summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private long _bytesRead;

    public CountingHandler(NetworkCredential credential) : this() => ((SocketsHttpHandler)InnerHandler!).Credentials = credential;

    /// <summary>Bytes of response bodies read so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>The Content-Length of the last response, when it had one.</summary>
    public long? LastContentLength { get; private set; }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Wrap(base.Send(request, cancellationToken));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Wrap(await base.SendAsync(request, cancellationToken));

    private HttpResponseMessage Wrap(HttpResponseMessage response)
    {
        var original = response.Content;
        LastContentLength = original.Headers.ContentLength;
        var counted = new StreamContent(new CountingStream(original.ReadAsStream(), this));
        foreach (var header in original.Headers) counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = counted;
        return response;
    }

    private sealed class CountingStream(Stream inner, CountingHandler owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            Interlocked.Add(ref owner._bytesRead, n);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
