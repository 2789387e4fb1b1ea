using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TripleStore.Telemetry;

/// <summary>
/// The engine's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>, so an OpenTelemetry SDK collects them with <c>AddSource("TripleStore")</c> and
/// <c>AddMeter("TripleStore")</c> and no adapter. docs/observability.md lists every span and instrument.
/// </summary>
public static class TripleStoreTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "TripleStore";

    private static readonly string Version =
        typeof(TripleStoreTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Spans: triplestore.query, triplestore.update, triplestore.import, triplestore.materialize, triplestore.backup.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Every TripleStore instrument; names follow the OpenTelemetry conventions (triplestore.*).</summary>
    public static Meter Meter { get; } = new(Name, Version);
}
