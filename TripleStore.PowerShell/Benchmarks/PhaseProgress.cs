using TripleStore.Benchmarks.Runner;

namespace TripleStore.PowerShell.Benchmarks;

/// <summary>
/// Keeps the newest benchmark progress report and the first report of each phase. The cmdlet polls it
/// every quarter second; a phase shorter than that (the queries of a tiny run) would otherwise never
/// show. Reports come from the runner's client threads, where a cmdlet may not write.
/// </summary>
internal sealed class PhaseProgress : IProgress<BenchmarkProgress>
{
    private readonly object _gate = new();
    private readonly List<BenchmarkProgress> _phaseStarts = [];
    private string? _phase;
    private BenchmarkProgress? _latest;

    public void Report(BenchmarkProgress value)
    {
        lock (_gate)
        {
            if (!string.Equals(value.Phase, _phase, StringComparison.Ordinal))
            {
                _phase = value.Phase;
                _phaseStarts.Add(value);
            }
            _latest = value;
        }
    }

    /// <summary>The phases begun since the last call, then the newest report; each report is returned once.</summary>
    public List<BenchmarkProgress> Drain()
    {
        lock (_gate)
        {
            var reports = new List<BenchmarkProgress>(_phaseStarts);
            _phaseStarts.Clear();
            if (_latest is not null && (reports.Count == 0 || !ReferenceEquals(reports[^1], _latest))) reports.Add(_latest);
            _latest = null;
            return reports;
        }
    }
}
