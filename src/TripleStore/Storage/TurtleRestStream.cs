namespace TripleStore.Storage;

/// <summary>
/// The bytes of a Turtle file from the statement where the byte parser stopped to the end: the rest of that
/// block, then every following block as read (unparsed), so the full reader can take over there.
/// </summary>
internal sealed class TurtleRestStream : Stream
{
    private readonly ParallelTurtleReader _reader;
    private readonly IEnumerator<TurtleBlock> _blocks;
    private TurtleBlock? _current;
    private int _position;

    public TurtleRestStream(ParallelTurtleReader reader, IEnumerator<TurtleBlock> blocks, TurtleBlock first, int offset)
    {
        _reader = reader;
        _blocks = blocks;
        _current = first;
        _position = offset;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_current is not null)
        {
            int available = _current.Length - _position;
            if (available > 0)
            {
                int n = Math.Min(available, buffer.Length);
                _current.Data.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            _reader.Return(_current);
            _current = _blocks.MoveNext() ? _blocks.Current : null;
            _position = _current?.Start ?? 0;
        }
        return 0;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
