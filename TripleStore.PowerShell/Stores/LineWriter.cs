using System.Text;

namespace TripleStore.PowerShell.Stores;

/// <summary>A TextWriter that hands each completed line to a callback, so a serializer can write to the pipeline.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly Action<string> _onLine;
    private readonly StringBuilder _line = new();

    public LineWriter(Action<string> onLine) => _onLine = onLine;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
            _onLine(_line.ToString());
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        // A line without a final newline still counts once the writer is done.
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
        {
            _onLine(_line.ToString());
            _line.Clear();
        }
        base.Dispose(disposing);
    }
}
