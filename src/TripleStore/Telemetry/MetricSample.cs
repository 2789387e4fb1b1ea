namespace TripleStore.Telemetry;

/// <summary>
/// One sample of the Prometheus exposition: a series name (with its _total, _bucket, _sum or _count
/// suffix), its labels and its value.
/// </summary>
public sealed record MetricSample(string Name, string Type, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The labels as Prometheus writes them, e.g. <c>form="select",le="0.1"</c>.</summary>
    public string LabelText => string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""));

    public override string ToString() => Labels.Count == 0 ? $"{Name} {Value}" : $"{Name}{{{LabelText}}} {Value}";
}
