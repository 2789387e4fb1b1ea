namespace TripleStore.Telemetry;

/// <summary>
/// What an exporter needs to know of an instrument up front: its attribute keys (Prometheus needs the
/// label names before the first sample) and the histogram buckets that suit its unit.
/// </summary>
internal sealed record InstrumentDefinition(string Name, string Unit, string Description, string[] Attributes, double[]? Buckets = null);
