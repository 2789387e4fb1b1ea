using System.Net;

namespace TripleStore.Server;

/// <summary>
/// A response body that holds the first bytes back: a short answer is sent whole with its length, and
/// a failure before the first <see cref="Threshold"/> bytes can still become a proper error status.
/// Past that the headers are committed and the rest streams (chunked) as the writer produces it.
/// </summary>
internal sealed class ResponseBody(HttpListenerResponse response) : Stream
{
    public const int Threshold = 64 * 1024;

    private MemoryStream? _pending = new();
    private long _written;

    /// <summary>Whether the status and headers have gone out: from then on an error can only abort the connection.</summary>
    public bool IsCommitted => _pending is null;

    public long BytesWritten => _written;

    public override void Write(byte[] buffer, int offset, int count)
    {
        _written += count;
        if (_pending is not null)
        {
            _pending.Write(buffer, offset, count);
            if (_pending.Length < Threshold) return;
            Commit();
            return;
        }
        response.OutputStream.Write(buffer, offset, count);
    }

    private void Commit()
    {
        var pending = _pending!;
        _pending = null;
        response.SendChunked = true;
        pending.Position = 0;
        pending.CopyTo(response.OutputStream);
    }

    /// <summary>Sends what is held back (with its length when nothing was committed) and ends the response.</summary>
    public void Complete()
    {
        if (_pending is not null)
        {
            var pending = _pending;
            _pending = null;
            response.ContentLength64 = pending.Length;
            pending.Position = 0;
            pending.CopyTo(response.OutputStream);
        }
        response.OutputStream.Flush();
        response.Close();
    }

    /// <summary>Drops what is held back, so the caller can send an error instead; only before commit.</summary>
    public void Discard() => _pending = new MemoryStream();

    public override void Flush()
    {
        // Flushes of the text writer must not commit early: only the threshold and Complete do.
        if (_pending is null) response.OutputStream.Flush();
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
