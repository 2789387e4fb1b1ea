namespace TripleStore.PowerShell;

/// <summary>One sample of the process's TripleStore metrics, as Get-TripleStoreMetrics -Format Object writes it.</summary>
public sealed class TripleStoreMetric
{
    /// <summary>The Prometheus series name, e.g. triplestore_query_duration_seconds_count.</summary>
    public string Name { get; init; } = "";

    /// <summary>counter, gauge or histogram.</summary>
    public string Type { get; init; } = "";

    /// <summary>The labels as name=value pairs.</summary>
    public System.Collections.Hashtable Labels { get; init; } = new();

    /// <summary>The labels as Prometheus writes them, e.g. triplestore_query_form="select".</summary>
    public string LabelText { get; init; } = "";

    public double Value { get; init; }

    public override string ToString() => LabelText.Length == 0 ? $"{Name} {Value}" : $"{Name}{{{LabelText}}} {Value}";
}
