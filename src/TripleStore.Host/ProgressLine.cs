using System.Diagnostics;
using System.Management.Automation;

namespace TripleStore.Host;

/// <summary>
/// Shows the latest progress record as one line that rewrites itself. Progress only helps a person
/// watching, so nothing is written when standard error is not a terminal.
/// </summary>
public sealed class ProgressLine
{
    private static readonly long MinimumInterval = Stopwatch.Frequency / 10;

    private readonly TextWriter _writer;
    private readonly bool _enabled;
    private readonly Func<int> _width;
    private long _lastDrawn;
    private string? _lastText;
    private bool _visible;

    public ProgressLine(TextWriter writer, bool enabled, Func<int> width)
    {
        _writer = writer;
        _enabled = enabled;
        _width = width;
    }

    public void Show(long sourceId, ProgressRecord record)
    {
        if (!_enabled) return;
        if (record.RecordType == ProgressRecordType.Completed)
        {
            Clear();
            return;
        }
        // Redrawing more than ten times a second only costs time.
        var now = Stopwatch.GetTimestamp();
        if (_visible && now - _lastDrawn < MinimumInterval) return;
        var text = Describe(record);
        var width = Math.Max(20, _width() - 1);
        if (text.Length > width) text = text[..width];
        if (_visible && text == _lastText) return;
        _lastDrawn = now;
        _lastText = text;
        _writer.Write("\r\e[7m" + text.PadRight(width) + "\e[0m");
        _writer.Flush();
        _visible = true;
    }

    public void Clear()
    {
        if (!_visible) return;
        _writer.Write("\r\e[2K");
        _writer.Flush();
        _visible = false;
    }

    private static string Describe(ProgressRecord record)
    {
        var parts = new List<string> { record.Activity };
        if (!string.IsNullOrEmpty(record.StatusDescription)) parts.Add(record.StatusDescription);
        if (record.PercentComplete >= 0) parts.Add($"{record.PercentComplete}%");
        if (record.SecondsRemaining >= 0) parts.Add($"{TimeSpan.FromSeconds(record.SecondsRemaining):g} left");
        if (!string.IsNullOrEmpty(record.CurrentOperation)) parts.Add(record.CurrentOperation);
        return string.Join(" | ", parts);
    }
}
