using System.Text;

namespace TripleStore.Storage;

/// <summary>
/// The text the full N-Triples reader sees for the lines the byte parser left to it: each such line at
/// its own line number, the lines between them as empty lines. So the full reader reports errors at the
/// right line and column of the real file, and keeps one blank node scope for the whole file.
/// </summary>
internal sealed class LineFeedReader : TextReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private long _pendingBreaks;
    private byte[]? _pendingLine;
    private bool _pendingTerminated;
    private char[] _chars = [];
    private int _position;
    private int _length;

    /// <summary>Line breaks handed out or queued so far.</summary>
    private long _breaksFed;

    /// <summary>Queues line <paramref name="lineNumber"/> (1-based, after every line fed before it).</summary>
    public void Feed(long lineNumber, ReadOnlySpan<byte> line, bool terminated)
    {
        long gap = lineNumber - 1 - _breaksFed;
        if (gap < 0) throw new InvalidOperationException("Lines must be fed in order.");
        _pendingBreaks += gap;
        _breaksFed += gap + (terminated ? 1 : 0);
        _pendingLine = line.ToArray();
        _pendingTerminated = terminated;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty) return 0;
        if (_pendingBreaks > 0)
        {
            int n = (int)Math.Min(_pendingBreaks, buffer.Length);
            buffer[..n].Fill('\n');
            _pendingBreaks -= n;
            return n;
        }
        if (_position == _length && _pendingLine is not null)
        {
            // Decoding here, inside the reader's own read, lets it report invalid UTF-8 at this line.
            var line = _pendingLine;
            _pendingLine = null;
            int count = StrictUtf8.GetCharCount(line) + (_pendingTerminated ? 1 : 0);
            if (_chars.Length < count) _chars = new char[Math.Max(count, 256)];
            int written = StrictUtf8.GetChars(line, _chars);
            if (_pendingTerminated) _chars[written] = '\n';
            _position = 0;
            _length = count;
        }
        int available = Math.Min(_length - _position, buffer.Length);
        _chars.AsSpan(_position, available).CopyTo(buffer);
        _position += available;
        return available;
    }

    public override int Peek() => -1;

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }
}
