using System.Collections;
using System.Management.Automation;
using TripleStore.Telemetry;

namespace TripleStore.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the TripleStore metrics of this process: as Prometheus text, or as objects.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TripleStoreMetrics")]
[OutputType(typeof(TripleStoreMetric), typeof(string))]
public sealed class GetTripleStoreMetricsCommand : TripleStoreCmdlet
{
    /// <summary>Object (the default): one object per sample. Prometheus: the text exposition format, as one string.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("Object", "Prometheus", IgnoreCase = true)]
    public string Format { get; set; } = "Object";

    /// <summary>Only samples whose series name matches (wildcards allowed), e.g. triplestore_query*.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (string.Equals(Format, "Prometheus", StringComparison.OrdinalIgnoreCase))
        {
            WriteObject(PrometheusExporter.GetText());
            return;
        }
        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var sample in PrometheusExporter.Collect())
        {
            if (patterns is not null && !patterns.Any(p => p.IsMatch(sample.Name))) continue;
            var labels = new Hashtable(StringComparer.Ordinal);
            foreach (var (key, value) in sample.Labels) labels[key] = value;
            WriteObject(new TripleStoreMetric
            {
                Name = sample.Name,
                Type = sample.Type,
                Labels = labels,
                LabelText = sample.LabelText,
                Value = sample.Value,
            });
        }
    }
}
